"""PDF documents with a font that has every Latvian and Lithuanian letter (DejaVu, shipped with Kopā)."""

from pathlib import Path

from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"


class Document(FPDF):
    def __init__(self, *, title: str, footer_text: str = "", orientation: str = "P", format: str = "A4"):
        super().__init__(orientation=orientation, unit="mm", format=format)
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator("Kopā")
        self.footer_text = footer_text
        self.set_auto_page_break(auto=True, margin=25)
        self.set_font("DejaVu", size=10)

    def footer(self):
        if self.footer_text:
            self.set_y(-22)
            self.set_font("DejaVu", size=7)
            self.multi_cell(0, 3.5, self.footer_text, align="C")
            self.set_font("DejaVu", size=10)

    def heading(self, text: str, size: int = 14):
        self.set_font("DejaVu", "B", size)
        self.multi_cell(0, size * 0.5, text)
        self.set_font("DejaVu", size=10)
        self.ln(2)

    def multi_cell(self, w, h=None, text="", *args, **kwargs):
        # Every paragraph starts again at the left margin on the next line (fpdf2 would continue to the right).
        kwargs.setdefault("new_x", "LMARGIN")
        kwargs.setdefault("new_y", "NEXT")
        return super().multi_cell(w, h, text, *args, **kwargs)
