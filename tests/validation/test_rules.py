"""Every rule: a mistake found at its cell, and the corrected workbook clean."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from xl_addin import schema as S
from xl_addin.errors import TemplateMismatch
from xl_addin.validation import Severity
from xl_addin.validation.messages import MESSAGES

from .common import Draft, Grids, at, described

KON, INN, EKS = S.CONTACTS.name, S.INPUTS.name, S.EXAMPLES.name
FEIL, ADVARSEL = Severity.ERROR, Severity.WARNING
KOMMUNE = S.CATEGORY_MUNICIPALITY
NARINGSLIVET = S.LIST_CHAPTERS.default_values()[1]
Edit = Callable[[Draft], object]


def unchanged(draft: Draft) -> None:
    """The example as it is (it breaks no rule)."""


def set_header(sheet: str, old: str, new: str | None) -> Callable[[Grids], None]:
    def edit(grids: Grids) -> None:
        header = grids[sheet][0]
        header[header.index(old)] = new

    return edit


def drop_column(sheet: str, header: str) -> Callable[[Grids], None]:
    def edit(grids: Grids) -> None:
        index = grids[sheet][0].index(header)
        for row in grids[sheet]:
            del row[index]

    return edit


def drop_key_row(sheet: str, key: str) -> Callable[[Grids], None]:
    def edit(grids: Grids) -> None:
        grids[sheet][:] = [row for row in grids[sheet] if row[0] != key]

    return edit


def add_key_row(sheet: str, key: str, value: object) -> Callable[[Grids], None]:
    def edit(grids: Grids) -> None:
        grids[sheet].append([key, value])

    return edit


def rename_key(sheet: str, old: str, new: str) -> Callable[[Grids], None]:
    def edit(grids: Grids) -> None:
        for row in grids[sheet]:
            if row[0] == old:
                row[0] = new

    return edit


def list_rows(spec: S.ListSpec, change: Callable[[list[tuple[object, ...]]], None]) -> Edit:
    def edit(draft: Draft) -> None:
        rows = [tuple(r) for r in spec.defaults]
        change(rows)
        draft.content.lists[spec.name] = rows  # type: ignore[assignment]

    return edit


def replace_row(index: int, position: int, value: object) -> Callable[[list[tuple[object, ...]]], None]:
    """Change one column (by its position in the list) of one list row."""

    def change(rows: list[tuple[object, ...]]) -> None:
        row = list(rows[index])
        row[position] = value
        rows[index] = tuple(row)

    return change


def add_column(sheet: str, header: str) -> Callable[[Grids], None]:
    """A column of the user's own at the end of the table (kept, never reported)."""

    def edit(grids: Grids) -> None:
        for i, row in enumerate(grids[sheet]):
            row.append(header if i == 0 else f"egen verdi {i}")

    return edit


FIRST_INPUT_TEXT = "Integreringsforumet samler frivillige lag"


@dataclass(frozen=True)
class Case:
    id: str
    code: str
    severity: Severity
    bad: Edit
    good: Edit
    where: tuple[str, int, str]
    suggestion: str | None = None


CASES = [
    # --- cells ---------------------------------------------------------------------
    Case(
        "required",
        "mangler-verdi",
        FEIL,
        lambda d: d.set(INN, 5, S.INPUT_CHAPTER.header, None),
        lambda d: d.set(INN, 5, S.INPUT_CHAPTER.header, "Annet"),
        (INN, 5, "C"),
    ),
    Case(
        "date-as-text",
        "dato-som-tekst",
        ADVARSEL,
        lambda d: d.set(KON, 2, S.CONTACT_CONTACTED.header, "14.04.2020"),
        lambda d: d.set(KON, 2, S.CONTACT_CONTACTED.header, dt.date(2020, 4, 14)),
        (KON, 2, "K"),
        "14.04.2020",
    ),
    Case(
        "bad-date",
        "ugyldig-dato",
        FEIL,
        lambda d: d.set(KON, 3, S.CONTACT_ANSWERED.header, "31.02.2020"),
        lambda d: d.set(KON, 3, S.CONTACT_ANSWERED.header, dt.date(2020, 4, 24)),
        (KON, 3, "L"),
    ),
    Case(
        "number-as-text",
        "tall-som-tekst",
        ADVARSEL,
        lambda d: d.set(EKS, 2, S.EXAMPLE_ORDER.header, "1"),
        lambda d: d.set(EKS, 2, S.EXAMPLE_ORDER.header, 1),
        (EKS, 2, "I"),
    ),
    Case(
        "bad-integer",
        "ugyldig-heltall",
        FEIL,
        lambda d: d.set(EKS, 2, S.EXAMPLE_ORDER.header, "første"),
        lambda d: d.set(EKS, 2, S.EXAMPLE_ORDER.header, 99),
        (EKS, 2, "I"),
    ),
    Case(
        "bad-integer-setting",
        "ugyldig-heltall",
        FEIL,
        lambda d: d.setting(S.SETTING_YEAR, "tjue"),
        lambda d: d.setting(S.SETTING_YEAR, 2020),
        ("Oppsett", 2, "B"),
    ),
    Case(
        "not-in-list",
        "ukjent-listeverdi",
        FEIL,
        lambda d: d.set(KON, 3, S.CONTACT_CATEGORY.header, "Kommun"),
        lambda d: d.set(KON, 3, S.CONTACT_CATEGORY.header, "Kommune"),
        (KON, 3, "C"),
        "Kommune",
    ),
    Case(
        "not-in-fixed-choices",
        "ukjent-listeverdi",
        FEIL,
        lambda d: d.set(INN, 2, S.INPUT_QUOTE.header, "Kan siteres med nav"),
        lambda d: d.set(INN, 2, S.INPUT_QUOTE.header, S.QUOTE_NAMED),
        (INN, 2, "F"),
        S.QUOTE_NAMED,
    ),
    Case(
        "not-in-list-multi",
        "ukjent-listeverdi",
        FEIL,
        lambda d: d.set(INN, 2, S.INPUT_THEMES.header, "Møteplasser; Lokaaler"),
        lambda d: d.set(INN, 2, S.INPUT_THEMES.header, "Møteplasser; Lokaler"),
        (INN, 2, "D"),
        "Møteplasser; Lokaler",
    ),
    Case(
        "list-spelling",
        "listeverdi-skrivemate",
        ADVARSEL,
        lambda d: d.set(KON, 3, S.CONTACT_CATEGORY.header, "kommune"),
        lambda d: d.set(KON, 3, S.CONTACT_CATEGORY.header, "Kommune"),
        (KON, 3, "C"),
        "Kommune",
    ),
    Case(
        "repeated-choice",
        "gjentatt-valg",
        ADVARSEL,
        lambda d: d.set(INN, 2, S.INPUT_THEMES.header, "Møteplasser; Lokaler; Møteplasser"),
        lambda d: d.set(INN, 2, S.INPUT_THEMES.header, "Møteplasser; Lokaler"),
        (INN, 2, "D"),
        "Møteplasser; Lokaler",
    ),
    Case(
        "excel-error",
        "excel-feilverdi",
        FEIL,
        lambda d: d.set(KON, 2, S.CONTACT_PLACE.header, "#NAME?"),
        lambda d: d.set(KON, 2, S.CONTACT_PLACE.header, "Randaberg"),
        (KON, 2, "E"),
    ),
    # --- text ------------------------------------------------------------------------
    Case(
        "formula-in-text-column",
        "formel-i-celle",
        ADVARSEL,
        lambda d: setattr(d, "formulas", {KON: {(2, "M")}}),
        lambda d: setattr(d, "formulas", {KON: {(2, "K")}, "Eget ark": {(2, "M")}}),  # a date, another sheet
        (KON, 2, "M"),
    ),
    Case(
        "text-like-formula",
        "tekst-som-formel",
        ADVARSEL,
        lambda d: d.set(INN, 3, S.INPUT_TEXT.header, "- Behov for lokaler"),
        lambda d: d.set(INN, 3, S.INPUT_TEXT.header, "Behov for lokaler"),
        (INN, 3, "E"),
        "Behov for lokaler",
    ),
    Case(
        "plus-outside-phone-column",
        "tekst-som-formel",
        ADVARSEL,
        lambda d: d.set(KON, 2, S.CONTACT_NOTE.header, "+47 400 00 001"),
        lambda d: d.set(KON, 2, S.CONTACT_PHONE.header, "+47 400 00 001"),
        (KON, 2, "N"),
        "47 400 00 001",
    ),
    Case(
        "control-character",
        "ugyldig-tegn",
        FEIL,
        lambda d: d.set(INN, 3, S.INPUT_TEXT.header, "Første linje\x0bandre linje\x01"),
        lambda d: d.set(INN, 3, S.INPUT_TEXT.header, "Første linje\nandre linje"),
        (INN, 3, "E"),
        "Første linje\nandre linje",
    ),
    Case(
        "excel-escape",
        "excel-tegnkode",
        ADVARSEL,
        lambda d: d.set(INN, 3, S.INPUT_TEXT.header, "Første linje_x000B_andre linje"),
        lambda d: d.set(INN, 3, S.INPUT_TEXT.header, "Første linje andre linje"),
        (INN, 3, "E"),
        "Første linje\nandre linje",
    ),
    # --- IDs and names --------------------------------------------------------------------
    Case(
        "duplicate-id",
        "duplikat-id",
        FEIL,
        lambda d: d.set(KON, 4, S.CONTACT_ID.header, "k002"),
        lambda d: d.set(KON, 4, S.CONTACT_ID.header, "K030"),
        (KON, 4, "A"),
    ),
    Case(
        "id-format",
        "id-format",
        ADVARSEL,
        lambda d: d.set(KON, 4, S.CONTACT_ID.header, "I003"),
        lambda d: d.set(KON, 4, S.CONTACT_ID.header, "K003"),
        (KON, 4, "A"),
    ),
    Case(
        "duplicate-name",
        "duplikat-navn",
        FEIL,
        lambda d: d.add_row(
            KON, {S.CONTACT_NAME.header: "ASKER  kommune", S.CONTACT_CATEGORY.header: "Kommune"}
        ),
        lambda d: d.add_row(
            KON, {S.CONTACT_NAME.header: "Bærum kommune", S.CONTACT_CATEGORY.header: "Kommune"}
        ),
        (KON, 31, "B"),
    ),
    # --- contacts -----------------------------------------------------------------------
    Case(
        "email",
        "ugyldig-epost",
        FEIL,
        lambda d: d.set(KON, 2, S.CONTACT_EMAIL.header, "kari.eksempel@example,no"),
        lambda d: d.set(KON, 2, S.CONTACT_EMAIL.header, "kari.eksempel@example.no"),
        (KON, 2, "H"),
        "kari.eksempel@example.no",
    ),
    Case(
        "email-two-addresses",
        "ugyldig-epost",
        FEIL,
        lambda d: d.set(KON, 2, S.CONTACT_EMAIL.header, "kari@imdi.no; ola@imdi.no"),
        lambda d: d.set(KON, 2, S.CONTACT_EMAIL.header, "kari@imdi.no"),
        (KON, 2, "H"),
    ),
    Case(
        "phone",
        "ugyldig-telefon",
        FEIL,
        lambda d: d.set(KON, 2, S.CONTACT_PHONE.header, "12345"),
        lambda d: d.set(KON, 2, S.CONTACT_PHONE.header, "+46 8 123 456 78"),
        (KON, 2, "I"),
    ),
    Case(
        "agreement-outside-category",
        "avtale-utenfor-kategori",
        FEIL,
        lambda d: d.set(KON, 2, S.CONTACT_AGREEMENT.header, S.YES),
        lambda d: d.set(KON, 8, S.CONTACT_AGREEMENT.header, S.YES),  # a voluntary organisation
        (KON, 2, "D"),
    ),
    # --- dates ---------------------------------------------------------------------------
    Case(
        "answer-before-contact",
        "svar-for-kontaktet",
        FEIL,
        lambda d: d.set(KON, 2, S.CONTACT_ANSWERED.header, dt.date(2020, 4, 1)),
        lambda d: d.set(KON, 2, S.CONTACT_ANSWERED.header, dt.date(2020, 4, 14)),
        (KON, 2, "L"),
    ),
    Case(
        "answer-in-future",
        "svar-i-fremtiden",
        FEIL,
        lambda d: d.set(KON, 2, S.CONTACT_ANSWERED.header, dt.date(2020, 6, 2)),
        lambda d: d.set(KON, 2, S.CONTACT_ANSWERED.header, dt.date(2020, 6, 1)),
        (KON, 2, "L"),
    ),
    Case(
        "date-in-future",
        "dato-i-fremtiden",
        ADVARSEL,
        lambda d: d.set(INN, 2, S.INPUT_RECEIVED.header, dt.date(2020, 6, 2)),
        lambda d: d.set(INN, 2, S.INPUT_RECEIVED.header, dt.date(2020, 6, 1)),
        (INN, 2, "H"),
    ),
    Case(
        "date-far-from-year",
        "dato-utenfor-aret",
        ADVARSEL,
        lambda d: d.set(INN, 2, S.INPUT_RECEIVED.header, dt.date(2002, 4, 27)),
        lambda d: d.set(INN, 2, S.INPUT_RECEIVED.header, dt.date(2019, 12, 20)),
        (INN, 2, "H"),
    ),
    Case(
        "settings-dates-order",
        "datoer-i-feil-rekkefolge",
        ADVARSEL,
        lambda d: d.setting(S.SETTING_DEADLINE, dt.date(2020, 10, 1)),
        lambda d: d.setting(S.SETTING_DEADLINE, dt.date(2020, 9, 14)),
        ("Oppsett", 9, "B"),
    ),
    # --- answers and input ----------------------------------------------------------------
    Case(
        "answered-without-input",
        "svar-uten-innspill",
        ADVARSEL,
        lambda d: d.set(KON, 6, S.CONTACT_ANSWERED.header, dt.date(2020, 5, 1)),
        lambda d: d.set(KON, 6, S.CONTACT_ANSWERED.header, dt.date(2020, 5, 1)).add_row(
            INN,
            {
                S.INPUT_ID.header: "I060",
                S.INPUT_ORGANISATION.header: "Asker kommune",
                S.INPUT_CHAPTER.header: "Annet",
                S.INPUT_TEXT.header: "Kommunen har ingen innspill i år.",
            },
        ),
        (KON, 6, "L"),
    ),
    Case(
        "input-without-answer",
        "innspill-uten-svar",
        FEIL,
        lambda d: d.set(KON, 2, S.CONTACT_ANSWERED.header, None),
        unchanged,
        (KON, 2, "L"),
        "27.04.2020",
    ),
    Case(
        "unknown-organisation",
        "ukjent-organisasjon",
        FEIL,
        lambda d: d.set(INN, 2, S.INPUT_ORGANISATION.header, "randaberg  Kommune"),
        lambda d: d.set(INN, 2, S.INPUT_ORGANISATION.header, "Randaberg kommune"),
        (INN, 2, "B"),
        "Randaberg kommune",
    ),
    Case(
        "unknown-organisation-example",
        "ukjent-organisasjon",
        FEIL,
        lambda d: d.set(EKS, 2, S.EXAMPLE_ORGANISATION.header, "Tromsø kommun"),
        lambda d: d.set(EKS, 2, S.EXAMPLE_ORGANISATION.header, "Tromsø kommune"),
        (EKS, 2, "C"),
        "Tromsø kommune",
    ),
    Case(
        "duplicate-input",
        "duplikat-innspill",
        ADVARSEL,
        lambda d: d.set(INN, 3, S.INPUT_TEXT.header, d.content.rows[INN][0][S.INPUT_TEXT.header]),
        lambda d: d.set(INN, 3, S.INPUT_TEXT.header, FIRST_INPUT_TEXT),
        (INN, 3, "E"),
    ),
    Case(
        "personal-name",
        "personopplysning-i-tekst",
        ADVARSEL,
        lambda d: d.set(INN, 2, S.INPUT_TEXT.header, "Ta kontakt med Kari Eksempel om forumet."),
        lambda d: d.set(INN, 2, S.INPUT_TEXT.header, "Ta kontakt med Kari Eksempel om forumet.").set(
            INN, 2, S.INPUT_INCLUDE.header, S.NO
        ),
        (INN, 2, "E"),
    ),
    Case(
        "personal-phone",
        "personopplysning-i-tekst",
        ADVARSEL,
        lambda d: d.set(EKS, 3, S.EXAMPLE_DESCRIPTION.header, "Ring 912 34 567 for å bli med."),
        lambda d: d.set(EKS, 3, S.EXAMPLE_DESCRIPTION.header, "Fikk 2 000 000 kroner i 2019 og 2020."),
        (EKS, 3, "G"),
    ),
    Case(
        "personal-email",
        "personopplysning-i-tekst",
        ADVARSEL,
        lambda d: d.set(EKS, 3, S.EXAMPLE_PARTNERS.header, "Idrettslaget (post@idrett.no)"),
        lambda d: d.set(EKS, 3, S.EXAMPLE_PARTNERS.header, "Idrettslaget"),
        (EKS, 3, "E"),
    ),
    # --- columns, lists, settings, texts -------------------------------------------------------
    Case(
        "renamed-column",
        "mangler-kolonne",
        ADVARSEL,
        lambda d: d.on_grids(set_header(KON, S.CONTACT_ANSWERED.header, "Svar motatt")),
        lambda d: d.on_grids(add_column(KON, "Egen kolonne")),
        (KON, 1, "L"),
        S.CONTACT_ANSWERED.header,
    ),
    Case(
        "deleted-column",
        "mangler-kolonne",
        ADVARSEL,
        lambda d: d.on_grids(drop_column(KON, S.CONTACT_COUNTY.header)),
        unchanged,
        (KON, 1, "N"),  # the 13 columns left end at M
    ),
    Case(
        "missing-list",
        "mangler-liste",
        ADVARSEL,
        lambda d: d.on_grids(set_header(S.LISTS_SHEET, S.LIST_THEMES.key.header, None)).on_grids(
            set_header(S.LISTS_SHEET, S.LIST_THEMES.columns[1].header, None)
        ),
        unchanged,
        (S.LISTS_SHEET, 1, "P"),  # after Kontaktmåter in O
    ),
    Case(
        "empty-list",
        "tom-liste",
        FEIL,
        list_rows(S.LIST_CATEGORIES, lambda rows: rows.clear()),
        list_rows(S.LIST_CATEGORIES, lambda rows: None),
        (S.LISTS_SHEET, 1, "A"),
    ),
    Case(
        "duplicate-list-value",
        "duplikat-listeverdi",
        FEIL,
        list_rows(S.LIST_COUNTIES, lambda rows: rows.append(("agder",))),
        list_rows(S.LIST_COUNTIES, lambda rows: rows.append(("Svalbard",))),
        (S.LISTS_SHEET, 17, "M"),
    ),
    Case(
        "category-form-missing",
        "mangler-verdi",
        FEIL,
        list_rows(S.LIST_CATEGORIES, replace_row(1, 2, None)),
        list_rows(S.LIST_CATEGORIES, replace_row(1, 2, "frivillige lag")),
        (S.LISTS_SHEET, 3, "C"),
    ),
    Case(
        "gender",
        "ugyldig-kjonn",
        FEIL,
        list_rows(S.LIST_CATEGORIES, replace_row(2, 3, "intetkjonn")),
        list_rows(S.LIST_CATEGORIES, replace_row(2, 3, "Intetkjønn")),
        (S.LISTS_SHEET, 4, "D"),
        "intetkjønn",
    ),
    Case(
        "gender-abbreviation",
        "ugyldig-kjonn",
        FEIL,
        list_rows(S.LIST_CATEGORIES, replace_row(2, 3, "intetk.")),
        list_rows(S.LIST_CATEGORIES, replace_row(2, 3, "intetkjønn")),
        (S.LISTS_SHEET, 4, "D"),
        "intetkjønn",
    ),
    Case(
        "duplicate-order",
        "duplikat-rekkefolge",
        ADVARSEL,
        list_rows(S.LIST_CHAPTERS, replace_row(1, 2, 1)),
        list_rows(S.LIST_CHAPTERS, replace_row(1, 2, 5)),
        (S.LISTS_SHEET, 3, "H"),
    ),
    Case(
        "missing-setting",
        "mangler-felt",
        FEIL,
        lambda d: d.on_grids(drop_key_row("Oppsett", S.SETTING_CONFERENCE)),
        unchanged,
        ("Oppsett", 1, "A"),
    ),
    Case(
        "blank-setting",
        "mangler-verdi",
        FEIL,
        lambda d: d.setting(S.SETTING_CONFERENCE, None),
        lambda d: d.setting(S.SETTING_CONFERENCE, "Integreringskonferansen"),
        ("Oppsett", 3, "B"),
    ),
    Case(
        "year",
        "ugyldig-ar",
        FEIL,
        lambda d: d.setting(S.SETTING_YEAR, 20),
        lambda d: d.setting(S.SETTING_YEAR, 2021),
        ("Oppsett", 2, "B"),
    ),
    Case(
        "unknown-setting",
        "ukjent-felt",
        ADVARSEL,
        lambda d: d.on_grids(add_key_row("Oppsett", "Mottakar", "Departementet")),
        unchanged,
        ("Oppsett", 12, "A"),
        S.SETTING_RECIPIENT,
    ),
    Case(
        "duplicate-setting",
        "duplikat-felt",
        ADVARSEL,
        lambda d: d.on_grids(add_key_row("Oppsett", "år", 2021)),
        unchanged,
        ("Oppsett", 12, "A"),
    ),
    Case(
        "unknown-text-part",
        "ukjent-tekstdel",
        ADVARSEL,
        lambda d: d.on_grids(
            rename_key("Tekster", "Samarbeid med næringslivet", "Samarbeid med naeringslivet")
        ),
        unchanged,
        ("Tekster", 6, "A"),
        NARINGSLIVET,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_mistake_is_found_at_its_cell(case: Case) -> None:
    draft = Draft()
    case.bad(draft)
    report = draft.report()
    found = at(report, case.code, *case.where)
    assert found, described(report)
    problem = found[0]
    assert problem.severity is case.severity
    assert problem.suggestion == case.suggestion
    assert problem.message.endswith((".", "?"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_corrected_workbook_is_clean(case: Case) -> None:
    draft = Draft()
    case.good(draft)
    report = draft.report()
    assert report.problems == (), described(report)


def test_every_code_has_a_case() -> None:
    assert set(MESSAGES) == {case.code for case in CASES}


def test_other_template_version_stops_validation() -> None:
    with pytest.raises(TemplateMismatch, match="malversjon"):
        Draft().setting(S.SETTING_VERSION, 2).report()


def test_missing_version_stops_validation() -> None:
    with pytest.raises(TemplateMismatch, match="malversjon"):
        Draft().on_grids(drop_key_row("Oppsett", S.SETTING_VERSION)).report()


def test_missing_sheet_stops_validation() -> None:
    draft = Draft().on_grids(lambda grids: grids.pop(S.INPUTS.name))
    with pytest.raises(TemplateMismatch, match="Innspill"):
        draft.report()


def test_missing_required_column_stops_validation() -> None:
    draft = Draft().on_grids(set_header(KON, S.CONTACT_NAME.header, "Organisasjonsnavn"))
    with pytest.raises(TemplateMismatch, match="Navn"):
        draft.report()
