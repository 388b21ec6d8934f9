// Suggestions as you type for Kopā's pickers (kopa/core/pickers.py). Without this script the input still
// works: the form finds the entry by the name, short address or code typed.
(function () {
  "use strict";
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var multiple = input.dataset.multiple === "true";
    var timer = null, asked = "";
    input.addEventListener("input", function () {
      var value = input.value;
      var cut = multiple ? Math.max(value.lastIndexOf(";"), value.lastIndexOf("\n")) : -1;
      var before = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
      var typed = value.slice(cut + 1).trim();
      if (typed.length < 2 || typed === asked || /\]\s*$/.test(typed)) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        asked = typed;
        fetch(input.dataset.picker + "?q=" + encodeURIComponent(typed), {credentials: "same-origin"})
          .then(function (response) { return response.ok ? response.json() : {results: []}; })
          .then(function (data) {
            list.textContent = "";
            data.results.forEach(function (entry) {
              var option = document.createElement("option");
              option.value = before + entry.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* no suggestions: typing the name still works */ });
      }, 200);
    });
  }
  document.querySelectorAll("input[data-picker]").forEach(attach);
})();
