// Shows a question only when the answer it depends on is chosen. Without JavaScript every question is shown
// and says which answer it depends on; the server ignores answers to questions that do not apply.
(function () {
  "use strict";
  var dependent = document.querySelectorAll("[data-show-if-question]");
  function update() {
    dependent.forEach(function (block) {
      var name = block.getAttribute("data-show-if-question");
      var wanted = block.getAttribute("data-show-if-choice");
      var chosen = Array.prototype.some.call(document.getElementsByName(name), function (input) {
        return input.checked && input.value === wanted;
      });
      block.hidden = !chosen;
    });
  }
  document.addEventListener("change", update);
  update();
})();
