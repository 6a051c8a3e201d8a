"""The generated Norwegian sentences of the report.

Every function returns finished text (capital letter, full stop) or a
fragment documented as such. Numbers follow Språkrådet through
`language.sentence`: every number of one sentence is declared first, so that
one number above twelve puts the whole sentence in digits. Språkrådet asks for
one form within a paragraph too, so the contacted and answered sentences, which
compare the same counts, can share one declaration (`selection_numbers`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..counts import CategoryCount
from ..language import Gender, Noun, SentenceNumbers, join, percent, sentence

INPUT_NOUN = Noun("innspill", "innspill", Gender.NEUTER)
AGREEMENT = "med intensjonsavtale"


def _agreement_note(numbers: SentenceNumbers, total: int, with_agreement: int, noun: Noun) -> str:
    """The note after a count: " (hvorav fem med intensjonsavtale)", " (alle med …)" or ""."""
    if with_agreement <= 0:
        return ""
    if with_agreement == total:
        return f" ({AGREEMENT})" if total == 1 else f" (alle {AGREEMENT})"
    return f" (hvorav {numbers.number(with_agreement, noun.gender)} {AGREEMENT})"


def _declared(rows: Sequence[tuple[int, int, Noun]]) -> list[int]:
    return [n for total, agreement, _ in rows for n in (total, agreement) if n]


def _contacted_rows(categories: Sequence[CategoryCount]) -> list[tuple[int, int, Noun]]:
    return [(c.contacted, c.contacted_with_agreement, c.noun) for c in categories if c.contacted > 0]


def _answered_rows(categories: Sequence[CategoryCount]) -> list[tuple[int, int, Noun]]:
    return [(c.answered, c.answered_with_agreement, c.noun) for c in categories if c.answered > 0]


def selection_numbers(categories: Sequence[CategoryCount]) -> SentenceNumbers:
    """Every number of the contacted and answered sentences, to write them in one form."""
    return sentence(*_declared(_contacted_rows(categories)), *_declared(_answered_rows(categories)))


def _enumeration(rows: Sequence[tuple[int, int, Noun]], numbers: SentenceNumbers | None) -> str:
    """Counts in one form: "6 kommuner, 19 frivillige organisasjoner (hvorav 9 med …) og 4 innvandrerråd"."""
    numbers = numbers or sentence(*_declared(rows))
    parts = [
        numbers.count(total, noun) + _agreement_note(numbers, total, agreement, noun)
        for total, agreement, noun in rows
    ]
    return join(parts)


def contacted_sentence(categories: Sequence[CategoryCount], numbers: SentenceNumbers | None = None) -> str:
    """Who was contacted: "Vi kontaktet seks kommuner, … og fire innvandrerråd." (zero left out).

    `numbers` (from `selection_numbers`) shares the form with the answered sentence.
    """
    rows = _contacted_rows(categories)
    if not rows:
        return "Det er ikke registrert at noen er kontaktet."
    return f"Vi kontaktet {_enumeration(rows, numbers)}."


def answered_sentences(
    categories: Sequence[CategoryCount], numbers: SentenceNumbers | None = None
) -> list[str]:
    """Who answered, by category, and which contacted categories gave no answer at all."""
    contacted = [c for c in categories if c.contacted > 0]
    if not contacted:
        return []
    rows = _answered_rows(contacted)
    if not rows:
        return ["Ingen av dem hadde svart da rapporten ble laget."]
    sentences = [f"Av disse svarte {_enumeration(rows, numbers)}."]
    silent = [c.noun.plural for c in contacted if c.answered == 0]
    if silent:
        sentences.append(f"Ingen {join(silent, 'eller')} svarte.")
    return sentences


def response_rate_sentence(answered: int, contacted: int) -> str | None:
    """The response rate: "Det gir en svarprosent på 69 %." (None when nobody answered)."""
    if contacted <= 0 or answered <= 0:
        return None
    return f"Det gir en svarprosent på {percent(answered, contacted)}."


def table_sentence(*, appendix: bool) -> str:
    """Points the reader to the table of respondents (and to the appendix when there is one)."""
    text = "Rapporten bygger på svarene fra dem som står i tabellen nedenfor."
    if appendix:
        text += " Alle som ble kontaktet, står i vedlegget bakerst i rapporten."
    return text


def recurring_lead_in(themes: int) -> str:
    """The lead-in of the recurring themes: "… er det særlig tre innspill som går igjen:"."""
    if themes <= 0:
        return "Blant tilbakemeldingene er det ingen tema som flere enn én har tatt opp."
    numbers = sentence(themes)
    return f"Blant tilbakemeldingene er det særlig {numbers.count(themes, INPUT_NOUN)} som går igjen:"


def raised_by(organisations: int, answered: int) -> str:
    """Fragment: "tatt opp av fire av de sju som svarte" / "tatt opp av alle som svarte"."""
    if 0 < answered == organisations:
        return "tatt opp av alle som svarte"
    if organisations > answered:
        numbers = sentence(organisations)
        return f"tatt opp av {numbers.number(organisations)}"
    numbers = sentence(organisations, answered)
    return f"tatt opp av {numbers.number(organisations)} av de {numbers.number(answered)} som svarte"


def inputs_lead_in() -> str:
    return "Dette er innspillene vi har fått:"


def not_quoted_sentence(count: int, *, after_quotes: bool) -> str:
    """The input points of a chapter that are counted but may not be quoted."""
    numbers = sentence(count)
    amount = numbers.count(count, INPUT_NOUN)
    if after_quotes:
        return f"I tillegg kom det {amount} som ikke skal siteres."
    pronoun = "det" if count == 1 else "de"
    return f"Det kom {amount} om dette, men {pronoun} skal ikke siteres."


def no_examples_sentence() -> str:
    return "Det er ikke registrert noen gode eksempler som skal være med i rapporten."


def appendix_lead_in() -> str:
    return "Tabellene viser alle som ble kontaktet, ordnet etter kategori, og om de svarte."


def default_introduction(
    *, sender: str, conference: str, year: str, main_theme: str, conference_date: str
) -> list[str]:
    """An introduction from Oppsett, used when the staff left `Innledning` blank."""
    who = sender or "Vi"
    event = " ".join(part for part in (conference, year) if part) or "konferansen"
    sentences = [f"{who} har samlet inn innspill til {event}, og rapporten oppsummerer dem."]
    if main_theme:
        sentences.append(f"Hovedtemaet for årets konferanse er {main_theme.rstrip('.')}.")
    if conference_date:
        sentences.append(f"Konferansen holdes {conference_date}.")
    return [" ".join(sentences)]
