"""The placeholders a Word template for the report may use.

Two kinds: *fields* (`{{ tittel }}`) are plain text and stand inside a
paragraph, anywhere (also in headers and footers); *blocks* (`{{p kapitler }}`)
stand alone in their own paragraph of the document body, which docxtpl
replaces by generated headings, paragraphs, lists and tables.
"""

from __future__ import annotations

from types import MappingProxyType

# --- fields -------------------------------------------------------------------------

TITLE = "tittel"
CONFERENCE = "konferanse"
YEAR = "ar"
MAIN_THEME = "hovedtema"
SENDER = "avsender"
RECIPIENT = "mottaker"
LETTER_DATE = "brevdato"
CONFERENCE_DATE = "konferansedato"
DEADLINE = "frist"
TODAY = "dato"

FIELDS: MappingProxyType[str, str] = MappingProxyType(
    {
        TITLE: "Rapporttittel fra Oppsett (tom: «Konferanse År – innspillsrapport»).",
        CONFERENCE: "Konferansens navn fra Oppsett.",
        YEAR: "Året for innspillsrunden fra Oppsett.",
        MAIN_THEME: "Hovedtemaet for årets konferanse fra Oppsett.",
        SENDER: "Avsenderen fra Oppsett (blir også forfatter i dokumentegenskapene).",
        RECIPIENT: "Mottakeren fra Oppsett.",
        LETTER_DATE: "Datoen på departementets brev, skrevet som «12. mars 2020».",
        CONFERENCE_DATE: "Datoen for konferansen, skrevet som «14. september 2020».",
        DEADLINE: "Fristen for innspill, skrevet som «15. mai 2020».",
        TODAY: "Dagens dato (da rapporten ble laget), skrevet som «3. juni 2020».",
    }
)

# --- blocks -------------------------------------------------------------------------

INTRODUCTION = "innledning"
RECURRING = "gjengangere"
BACKGROUND = "bakgrunn"
SELECTION = "avgrensing"
CHAPTERS = "kapitler"
EXAMPLES = "gode_eksempler"
APPENDIX = "vedlegg"

BLOCKS: MappingProxyType[str, str] = MappingProxyType(
    {
        INTRODUCTION: "Innledningen fra Tekster (uten overskrift).",
        RECURRING: "«Blant tilbakemeldingene er det særlig tre innspill som går igjen:» med punktliste "
        "over temaene flest tok opp, og sammendraget av hvert.",
        BACKGROUND: "Kapitlet «Bakgrunn» med teksten fra Tekster.",
        SELECTION: "Kapitlet «Avgrensing og utvelgelse»: teksten fra Tekster, setningene om hvem som "
        "ble kontaktet og hvem som svarte, og tabellen over dem som svarte.",
        CHAPTERS: "Ett kapittel per kapittel i Lister → Kapitler: teksten fra Tekster og innspillene "
        "som er med i rapporten og kan siteres.",
        EXAMPLES: "Kapitlet «Gode eksempler»: teksten fra Tekster og eksemplene som punktliste.",
        APPENDIX: "Vedlegget med alle som ble kontaktet (navn og sted), per kategori, og om de svarte.",
    }
)

#: Blocks in the order of the default template (and of numbered chapters when none is given).
BLOCK_ORDER: tuple[str, ...] = tuple(BLOCKS)

#: Every name a template may use, with its Norwegian description.
KNOWN_PLACEHOLDERS: MappingProxyType[str, str] = MappingProxyType({**FIELDS, **BLOCKS})


def placeholder_markdown() -> str:
    """The README section documenting every placeholder (Norwegian descriptions)."""
    lines = [
        "| plassholder | gir |",
        "|---|---|",
        *(f"| `{{{{ {name} }}}}` | {text} |" for name, text in FIELDS.items()),
        *(f"| `{{{{p {name} }}}}` | {text} |" for name, text in BLOCKS.items()),
    ]
    return "\n".join(lines)
