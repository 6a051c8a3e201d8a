"""Generate valid workbooks of a given size through the real template.

Sizes: `typical` (the 2020 example), `large` (1,000 contacts, 10,000 input
points, 300 examples: a national round with every municipality and several
hundred organisations) and `x10` (ten times large). The data are made to pass
validation: unique names, answered contacts with input points and none from
those who have not answered, dates in order, values from the lists.

    .venv/bin/python -m benchmarks.generate large out/bench/large.xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from xl_addin import schema as S
from xl_addin.example import write_example
from xl_addin.template import Content, Value, default_content, write_workbook


@dataclass(frozen=True)
class Size:
    contacts: int
    inputs: int
    examples: int


SIZES: dict[str, Size | None] = {
    "typical": None,  # the bundled 2020 example
    "large": Size(1_000, 10_000, 300),
    "x10": Size(10_000, 100_000, 3_000),
}

_WORDS = [
    "samarbeid",
    "møteplass",
    "frivillighet",
    "kommune",
    "nettverk",
    "tilskudd",
    "lokaler",
    "kompetanse",
    "tillit",
    "praksisplass",
    "arbeidsgiver",
    "introduksjonsprogram",
    "nabolag",
    "kultur",
    "idrett",
    "språk",
    "mentor",
    "informasjon",
    "søknad",
    "ressurser",
    "dialog",
    "inkludering",
    "ungdom",
    "familie",
    "kvinner",
    # "per" is also a first name: the check for contact persons' names in the texts must look closer
    "per",
    "måned",
]

#: Contact persons get real-looking names: the names check sees many different first words.
_FIRST_NAMES = [
    "Kari",
    "Ola",
    "Per",
    "Anne",
    "Ingrid",
    "Lars",
    "Nina",
    "Jon",
    "Siri",
    "Knut",
    "Marit",
    "Hans",
    "Eva",
    "Tor",
    "Liv",
    "Arne",
    "Berit",
    "Geir",
    "Hilde",
    "Rune",
    "Ali",
    "Fatima",
    "Ahmed",
    "Maria",
    "Jonas",
    "Sara",
    "Mohammed",
    "Emma",
    "Olav",
    "Solveig",
]
_LAST_NAMES = [
    "Nordmann",
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Henriksen",
    "Lund",
    "Sørensen",
    "Jakobsen",
    "Moen",
    "Gundersen",
    "Iversen",
]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _category_weights() -> list[tuple[str, float]]:
    names = [str(r[0]) for r in S.LIST_CATEGORIES.defaults]
    weights = (0.36, 0.5, 0.08, 0.06)
    return list(zip(names, weights, strict=True))


def content_of(size: Size, seed: int = 2020) -> Content:
    rng = random.Random(seed)
    content = default_content(2026)
    content.settings.update(
        {
            S.SETTING_MAIN_THEME: "Sammen for å lykkes",
            S.SETTING_SENDER: "Direktoratet",
            S.SETTING_RECIPIENT: "Departementet",
            S.SETTING_LETTER_DATE: dt.date(2026, 1, 12),
            S.SETTING_CONFERENCE_DATE: dt.date(2026, 9, 14),
            S.SETTING_DEADLINE: dt.date(2026, 5, 15),
        }
    )
    content.texts = {
        key: _sentence(rng, 40) for key in S.text_keys([str(r[0]) for r in S.LIST_CHAPTERS.defaults])
    }
    categories = _category_weights()
    counties = [str(r[0]) for r in S.LIST_COUNTIES.defaults]
    methods = [str(r[0]) for r in S.LIST_CONTACT_METHODS.defaults]
    chapters = [str(r[0]) for r in S.LIST_CHAPTERS.defaults]
    themes = [str(r[0]) for r in S.LIST_THEMES.defaults]
    start = dt.date(2026, 3, 2)

    contacts: list[dict[str, Value]] = []
    answered: list[tuple[str, dt.date]] = []
    for i in range(size.contacts):
        category = rng.choices([c for c, _ in categories], [w for _, w in categories])[0]
        name = f"{category} {i + 1:05d}"
        contacted = start + dt.timedelta(days=rng.randrange(30))
        row: dict[str, Value] = {
            S.CONTACT_ID.header: f"K{i + 1:05d}",
            S.CONTACT_NAME.header: name,
            S.CONTACT_CATEGORY.header: category,
            S.CONTACT_AGREEMENT.header: S.YES
            if category == S.AGREEMENT_CATEGORY and rng.random() < 0.2
            else S.NO,
            S.CONTACT_PLACE.header: f"Sted {i % 357}",
            S.CONTACT_COUNTY.header: rng.choice(counties),
            S.CONTACT_PERSON.header: f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}",
            S.CONTACT_EMAIL.header: f"kontakt{i}@example.no",
            S.CONTACT_PHONE.header: f"4{i:07d}",
            S.CONTACT_METHOD.header: rng.choice(methods),
            S.CONTACT_CONTACTED.header: contacted,
            S.CONTACT_BASIS.header: _sentence(rng, 5),
        }
        if rng.random() < 0.7:
            reply = contacted + dt.timedelta(days=rng.randrange(1, 20))
            row[S.CONTACT_ANSWERED.header] = reply
            answered.append((name, reply))
        contacts.append(row)

    inputs: list[dict[str, Value]] = []
    quotes = list(S.QUOTE_CHOICES)
    for i in range(size.inputs):
        # every answered organisation gets at least one input point
        name, reply = answered[i] if i < len(answered) else rng.choice(answered)
        inputs.append(
            {
                S.INPUT_ID.header: f"I{i + 1:06d}",
                S.INPUT_ORGANISATION.header: name,
                S.INPUT_CHAPTER.header: rng.choice(chapters),
                S.INPUT_THEMES.header: "; ".join(rng.sample(themes, rng.randrange(1, 3))),
                S.INPUT_TEXT.header: _sentence(rng, rng.randrange(12, 40)),
                S.INPUT_QUOTE.header: rng.choice(quotes),
                S.INPUT_INCLUDE.header: S.YES if rng.random() < 0.95 else S.NO,
                S.INPUT_RECEIVED.header: reply,
            }
        )

    examples: list[dict[str, Value]] = []
    sectors = list(S.SECTOR_CHOICES)
    for i in range(size.examples):
        name, _ = rng.choice(answered)
        examples.append(
            {
                S.EXAMPLE_ID.header: f"E{i + 1:05d}",
                S.EXAMPLE_TITLE.header: f"Eksempel {i + 1}",
                S.EXAMPLE_ORGANISATION.header: name,
                S.EXAMPLE_PLACE.header: f"Sted {i % 357}",
                S.EXAMPLE_PARTNERS.header: _sentence(rng, 4),
                S.EXAMPLE_SECTORS.header: "; ".join(rng.sample(sectors, rng.randrange(1, 4))),
                S.EXAMPLE_DESCRIPTION.header: _sentence(rng, 50),
                S.EXAMPLE_INCLUDE.header: S.YES,
                S.EXAMPLE_ORDER.header: i + 1,
            }
        )
    content.rows = {S.CONTACTS.name: contacts, S.INPUTS.name: inputs, S.EXAMPLES.name: examples}
    return content


def generate(size_name: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    size = SIZES[size_name]
    if size is None:
        return write_example(path)
    return write_workbook(path, content_of(size))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    print(generate(args.size, args.path))


if __name__ == "__main__":
    main()
