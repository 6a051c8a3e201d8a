"""The one schema of the workbook (template version 1).

Every sheet, header, type, list and default value lives here. The template
builder, the reader, the validator, the counts and the report read it; no
other module spells a header or a list value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

TEMPLATE_VERSION = 1


class Kind(StrEnum):
    """The type of a column's values."""

    ID = "id"
    TEXT = "text"
    LONG_TEXT = "long_text"
    DATE = "date"
    INTEGER = "integer"
    YES_NO = "yes_no"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"


# Fixed values (not editable in Lister).
YES = "Ja"
NO = "Nei"
YES_NO = (YES, NO)

QUOTE_NAMED = "Kan siteres med navn"
QUOTE_ANONYMOUS = "Kan siteres anonymt"
QUOTE_NEVER = "Skal ikke siteres"
QUOTE_CHOICES = (QUOTE_NAMED, QUOTE_ANONYMOUS, QUOTE_NEVER)

SECTOR_CHOICES = ("Kommune", "Frivillighet", "Næringsliv")

MULTI_SEPARATOR = ";"

DATE_FORMAT = "dd.mm.yyyy"


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind
    width: float
    help: str
    required: bool = False
    unique: bool = False
    default: str | None = None
    choices: tuple[str, ...] = ()
    list_name: str | None = None
    id_prefix: str | None = None
    references: str | None = None
    personal: bool = False
    email: bool = False
    phone: bool = False

    @cached_property
    def key(self) -> str:
        """The header as matched (computed once: rows look columns up by it constantly)."""
        return normalize_header(self.header)


@dataclass(frozen=True)
class ListSpec:
    """An editable list on the `Lister` sheet; its first column holds the values."""

    name: str
    table_name: str
    defined_name: str
    columns: tuple[Column, ...]
    defaults: tuple[tuple[str | int, ...], ...]

    @property
    def key(self) -> Column:
        return self.columns[0]

    def default_values(self) -> tuple[str, ...]:
        return tuple(str(row[0]) for row in self.defaults)


@dataclass(frozen=True)
class TableSheet:
    """A data sheet: an Excel table with one row per record."""

    name: str
    table_name: str
    columns: tuple[Column, ...]
    help: str

    def column(self, header: str) -> Column:
        key = normalize_header(header)
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(header)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required or c.kind is Kind.ID)


@dataclass(frozen=True)
class Field:
    """One row of a two-column sheet (`Oppsett`)."""

    name: str
    kind: Kind
    help: str
    default: str | int | None = None
    required: bool = False


@dataclass(frozen=True)
class KeyValueSheet:
    """A two-column sheet: a key column and a value column."""

    name: str
    table_name: str
    key_header: str
    value_header: str
    key_width: float
    value_width: float
    fields: tuple[Field, ...] = field(default=())


def normalize_header(text: object) -> str:
    """Headers match ignoring case and surrounding (and repeated) spaces."""
    return " ".join(str(text).split()).casefold()


def list_column(header: str, width: float, help: str, kind: Kind = Kind.TEXT) -> Column:
    """A column of a list on `Lister`."""
    return Column(header, kind, width, help)


# --- Lister ------------------------------------------------------------------

GENDER_HELP = "Grammatisk kjønn: hankjønn, hunkjønn eller intetkjønn (gir «én kommune», «ett råd»)."

LIST_CATEGORIES = ListSpec(
    name="Kategorier",
    table_name="tblKategorier",
    defined_name="lst_Kategorier",
    columns=(
        list_column("Kategori", 24, "Navnet på kategorien slik det velges i Kontakter."),
        list_column("Entall", 22, "Entallsform brukt i rapportens setninger."),
        list_column("Flertall", 24, "Flertallsform brukt i rapportens setninger."),
        list_column("Kjønn", 12, GENDER_HELP),
    ),
    defaults=(
        ("Kommune", "kommune", "kommuner", "hankjønn"),
        ("Frivillig organisasjon", "frivillig organisasjon", "frivillige organisasjoner", "hunkjønn"),
        ("Innvandrerråd", "innvandrerråd", "innvandrerråd", "intetkjønn"),
        ("Næringsliv", "næringslivsaktør", "næringslivsaktører", "hankjønn"),
    ),
)

CATEGORY_MUNICIPALITY = "Kommune"
CATEGORY_VOLUNTARY = "Frivillig organisasjon"
CATEGORY_COUNCIL = "Innvandrerråd"
CATEGORY_BUSINESS = "Næringsliv"
#: The one category for which an intensjonsavtale makes sense.
AGREEMENT_CATEGORY = CATEGORY_VOLUNTARY

LIST_CHAPTERS = ListSpec(
    name="Kapitler",
    table_name="tblKapitler",
    defined_name="lst_Kapitler",
    columns=(
        list_column("Kapittel", 40, "Navnet på kapitlet slik det velges i Innspill."),
        list_column("Overskrift", 50, "Overskriften kapitlet får i rapporten."),
        list_column("Rekkefølge", 12, "Kapitlenes rekkefølge i rapporten (heltall).", Kind.INTEGER),
    ),
    defaults=(
        (
            "Samarbeid mellom frivillighet og kommuner",
            "Innspill – samarbeid mellom frivillighet og kommuner",
            1,
        ),
        (
            "Samarbeid med næringslivet",
            "Innspill – frivillighet og kommuner om samarbeid med næringslivet",
            2,
        ),
        ("Annet", "Andre innspill", 3),
    ),
)

LIST_THEMES = ListSpec(
    name="Temaer",
    table_name="tblTemaer",
    defined_name="lst_Temaer",
    columns=(
        list_column("Tema", 28, "Navnet på temaet slik det velges i Innspill."),
        list_column("Sammendrag", 70, "Én setning som oppsummerer temaet i rapporten."),
    ),
    defaults=(
        ("Møteplasser", "Behovet for faste og felles møteplasser mellom sektorene."),
        (
            "Organisatorisk infrastruktur",
            "Behovet for lokaler, stabile rammevilkår og kompetanse i organisasjonsdrift.",
        ),
        (
            "Tilskudd og søknader",
            "Enklere og raskere behandling av tilskudd og søknader.",
        ),
        ("Roller og ansvar", "Tydeligere roller og ansvar mellom partene."),
        ("Lokaler", "Tilgang til egne lokaler gjennom hele året."),
        ("Kompetanse", "Kompetanseheving i organisasjonene og om integrering."),
        ("Tillit", "Samarbeid som bygger tillit mellom partene og til nybosatte."),
        ("Arbeid og praksis", "Praksisplasser, jobb og kontakt med arbeidsgivere."),
    ),
)

LIST_COUNTIES = ListSpec(
    name="Fylker",
    table_name="tblFylker",
    defined_name="lst_Fylker",
    columns=(list_column("Fylke", 20, "Fylkene fra 2024."),),
    defaults=tuple(
        (name,)
        for name in (
            "Agder",
            "Akershus",
            "Buskerud",
            "Finnmark",
            "Innlandet",
            "Møre og Romsdal",
            "Nordland",
            "Oslo",
            "Rogaland",
            "Telemark",
            "Troms",
            "Trøndelag",
            "Vestfold",
            "Vestland",
            "Østfold",
        )
    ),
)

LIST_CONTACT_METHODS = ListSpec(
    name="Kontaktmåter",
    table_name="tblKontaktmater",
    defined_name="lst_Kontaktmater",
    columns=(list_column("Kontaktmåte", 20, "Måter organisasjonene ble kontaktet på."),),
    defaults=tuple((name,) for name in ("E-post", "Telefon", "E-post og telefon", "Møte", "Digitalt møte")),
)

LISTS: tuple[ListSpec, ...] = (
    LIST_CATEGORIES,
    LIST_CHAPTERS,
    LIST_THEMES,
    LIST_COUNTIES,
    LIST_CONTACT_METHODS,
)

LISTS_SHEET = "Lister"


def list_spec(name: str) -> ListSpec:
    for spec in LISTS:
        if spec.name == name:
            return spec
    raise KeyError(name)


# --- Oppsett -------------------------------------------------------------------

SETTING_YEAR = "År"
SETTING_CONFERENCE = "Konferanse"
SETTING_MAIN_THEME = "Hovedtema"
SETTING_SENDER = "Avsender"
SETTING_RECIPIENT = "Mottaker"
SETTING_LETTER_DATE = "Brevdato"
SETTING_CONFERENCE_DATE = "Konferansedato"
SETTING_DEADLINE = "Frist for innspill"
SETTING_TITLE = "Rapporttittel"
SETTING_VERSION = "Malversjon"

#: Default report title; filled from the other settings when blank.
DEFAULT_TITLE = "{Konferanse} {År} – innspillsrapport"

SETTINGS = KeyValueSheet(
    name="Oppsett",
    table_name="tblOppsett",
    key_header="Felt",
    value_header="Verdi",
    key_width=22,
    value_width=70,
    fields=(
        Field(SETTING_YEAR, Kind.INTEGER, "Året for innspillsrunden, for eksempel 2020.", required=True),
        Field(SETTING_CONFERENCE, Kind.TEXT, "Navnet på konferansen.", "Integreringskonferansen", True),
        Field(SETTING_MAIN_THEME, Kind.TEXT, "Hovedtemaet departementet har gitt for årets konferanse."),
        Field(SETTING_SENDER, Kind.TEXT, "Hvem som sender rapporten (blir forfatter i Word)."),
        Field(SETTING_RECIPIENT, Kind.TEXT, "Hvem rapporten sendes til."),
        Field(SETTING_LETTER_DATE, Kind.DATE, "Datoen på departementets brev (dd.mm.åååå)."),
        Field(SETTING_CONFERENCE_DATE, Kind.DATE, "Datoen for konferansen (dd.mm.åååå)."),
        Field(SETTING_DEADLINE, Kind.DATE, "Fristen organisasjonene har fått for å svare (dd.mm.åååå)."),
        Field(SETTING_TITLE, Kind.TEXT, "Tittelen på rapporten. Tom: «" + DEFAULT_TITLE + "»."),
        Field(
            SETTING_VERSION,
            Kind.INTEGER,
            "Malens versjon. Skal ikke endres.",
            TEMPLATE_VERSION,
            True,
        ),
    ),
)

# --- Tekster -------------------------------------------------------------------

TEXT_INTRODUCTION = "Innledning"
TEXT_BACKGROUND = "Bakgrunn"
TEXT_SELECTION = "Avgrensing"
TEXT_EXAMPLES = "Gode eksempler"

TEXTS = KeyValueSheet(
    name="Tekster",
    table_name="tblTekster",
    key_header="Del",
    value_header="Tekst",
    key_width=40,
    value_width=100,
)


def text_keys(chapters: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The rows of `Tekster`: fixed parts, one per chapter, then the examples."""
    return (TEXT_INTRODUCTION, TEXT_BACKGROUND, TEXT_SELECTION, *chapters, TEXT_EXAMPLES)


# --- Data sheets ---------------------------------------------------------------

CONTACT_ID = Column(
    "ID", Kind.ID, 8, "Fylles ut automatisk (K001, K002 …) når feltet er tomt.", unique=True, id_prefix="K"
)
CONTACT_NAME = Column(
    "Navn", Kind.TEXT, 36, "Organisasjonens eller kommunens navn. Må være unikt.", required=True, unique=True
)
CONTACT_CATEGORY = Column(
    "Kategori", Kind.CHOICE, 22, "Velg kategori fra listen.", required=True, list_name=LIST_CATEGORIES.name
)
CONTACT_AGREEMENT = Column(
    "Intensjonsavtale",
    Kind.YES_NO,
    16,
    "Ja hvis organisasjonen har intensjonsavtale med direktoratet. Tom = Nei.",
    default=NO,
    choices=YES_NO,
)
CONTACT_PLACE = Column("Sted", Kind.TEXT, 18, "Kommune eller sted.")
CONTACT_COUNTY = Column(
    "Fylke", Kind.CHOICE, 16, "Velg fylke fra listen, eller la stå tomt.", list_name=LIST_COUNTIES.name
)
CONTACT_PERSON = Column(
    "Kontaktperson", Kind.TEXT, 22, "Personopplysning. Kommer aldri med i rapporten.", personal=True
)
CONTACT_EMAIL = Column(
    "E-post", Kind.TEXT, 30, "Personopplysning. Sjekkes når den er fylt ut.", personal=True, email=True
)
CONTACT_PHONE = Column(
    "Telefon", Kind.TEXT, 16, "Personopplysning. Sjekkes når den er fylt ut.", personal=True, phone=True
)
CONTACT_METHOD = Column(
    "Kontaktmåte",
    Kind.CHOICE,
    18,
    "Hvordan organisasjonen ble kontaktet.",
    list_name=LIST_CONTACT_METHODS.name,
)
CONTACT_CONTACTED = Column("Kontaktet", Kind.DATE, 12, "Datoen organisasjonen ble kontaktet.")
CONTACT_ANSWERED = Column("Svar mottatt", Kind.DATE, 14, "Datoen svaret kom. Tom = har ikke svart.")
CONTACT_BASIS = Column("Utvalgsgrunnlag", Kind.LONG_TEXT, 30, "Hvorfor organisasjonen ble valgt ut.")
CONTACT_NOTE = Column("Merknad", Kind.LONG_TEXT, 30, "Fritt merknadsfelt.")

CONTACTS = TableSheet(
    name="Kontakter",
    table_name="tblKontakter",
    help="Én rad per organisasjon som er kontaktet.",
    columns=(
        CONTACT_ID,
        CONTACT_NAME,
        CONTACT_CATEGORY,
        CONTACT_AGREEMENT,
        CONTACT_PLACE,
        CONTACT_COUNTY,
        CONTACT_PERSON,
        CONTACT_EMAIL,
        CONTACT_PHONE,
        CONTACT_METHOD,
        CONTACT_CONTACTED,
        CONTACT_ANSWERED,
        CONTACT_BASIS,
        CONTACT_NOTE,
    ),
)

INPUT_ID = Column(
    "ID", Kind.ID, 8, "Fylles ut automatisk (I001, I002 …) når feltet er tomt.", unique=True, id_prefix="I"
)
INPUT_ORGANISATION = Column(
    "Organisasjon",
    Kind.CHOICE,
    36,
    "Navnet slik det står i arket Kontakter.",
    required=True,
    references=f"{CONTACTS.name}.{CONTACT_NAME.header}",
)
INPUT_CHAPTER = Column(
    "Kapittel", Kind.CHOICE, 34, "Kapitlet innspillet hører til.", required=True, list_name=LIST_CHAPTERS.name
)
INPUT_THEMES = Column(
    "Tema",
    Kind.MULTI_CHOICE,
    30,
    "Ett eller flere temaer fra listen, skilt med semikolon (;).",
    list_name=LIST_THEMES.name,
)
INPUT_TEXT = Column("Innspill", Kind.LONG_TEXT, 70, "Selve innspillet, med egne ord.", required=True)
INPUT_QUOTE = Column(
    "Sitering",
    Kind.CHOICE,
    22,
    "Om innspillet kan siteres i rapporten. Tom = Skal ikke siteres.",
    default=QUOTE_NEVER,
    choices=QUOTE_CHOICES,
)
INPUT_INCLUDE = Column(
    "Med i rapport",
    Kind.YES_NO,
    14,
    "Nei holder innspillet utenfor rapporten. Tom = Ja.",
    default=YES,
    choices=YES_NO,
)
INPUT_RECEIVED = Column("Mottatt", Kind.DATE, 12, "Datoen innspillet kom.")

INPUTS = TableSheet(
    name="Innspill",
    table_name="tblInnspill",
    help="Én rad per innspill.",
    columns=(
        INPUT_ID,
        INPUT_ORGANISATION,
        INPUT_CHAPTER,
        INPUT_THEMES,
        INPUT_TEXT,
        INPUT_QUOTE,
        INPUT_INCLUDE,
        INPUT_RECEIVED,
    ),
)

EXAMPLE_ID = Column(
    "ID", Kind.ID, 8, "Fylles ut automatisk (E001, E002 …) når feltet er tomt.", unique=True, id_prefix="E"
)
EXAMPLE_TITLE = Column("Tittel", Kind.TEXT, 30, "Kort navn på eksemplet.", required=True)
EXAMPLE_ORGANISATION = Column(
    "Organisasjon",
    Kind.CHOICE,
    32,
    "Navnet slik det står i arket Kontakter.",
    required=True,
    references=f"{CONTACTS.name}.{CONTACT_NAME.header}",
)
EXAMPLE_PLACE = Column("Sted", Kind.TEXT, 16, "Hvor tiltaket foregår.")
EXAMPLE_PARTNERS = Column("Samarbeidspartnere", Kind.TEXT, 30, "Hvem som samarbeider.")
EXAMPLE_SECTORS = Column(
    "Sektorer",
    Kind.MULTI_CHOICE,
    24,
    "Kommune, Frivillighet og/eller Næringsliv, skilt med semikolon (;).",
    choices=SECTOR_CHOICES,
)
EXAMPLE_DESCRIPTION = Column("Beskrivelse", Kind.LONG_TEXT, 70, "Hva som er gjort.", required=True)
EXAMPLE_INCLUDE = Column(
    "Med i rapport",
    Kind.YES_NO,
    14,
    "Nei holder eksemplet utenfor rapporten. Tom = Ja.",
    default=YES,
    choices=YES_NO,
)
EXAMPLE_ORDER = Column("Rekkefølge", Kind.INTEGER, 12, "Rekkefølgen i rapporten (heltall). Valgfritt.")

EXAMPLES = TableSheet(
    name="Eksempler",
    table_name="tblEksempler",
    help="Gode lokale eksempler.",
    columns=(
        EXAMPLE_ID,
        EXAMPLE_TITLE,
        EXAMPLE_ORGANISATION,
        EXAMPLE_PLACE,
        EXAMPLE_PARTNERS,
        EXAMPLE_SECTORS,
        EXAMPLE_DESCRIPTION,
        EXAMPLE_INCLUDE,
        EXAMPLE_ORDER,
    ),
)

DATA_SHEETS: tuple[TableSheet, ...] = (CONTACTS, INPUTS, EXAMPLES)

# --- Sheets written by the tool ----------------------------------------------------

CHECK_SHEET = "Kontroll"
COUNTS_SHEET = "Telling"
CONFLICTS_SHEET = "Konflikter"
GENERATED_SHEETS = (CHECK_SHEET, COUNTS_SHEET, CONFLICTS_SHEET)

#: Author of the notes that mark problem cells; the next check removes only these.
MARK_AUTHOR = "Innspill-kontroll"

#: Sheet order in a fresh workbook.
SHEET_ORDER: tuple[str, ...] = (
    SETTINGS.name,
    CONTACTS.name,
    INPUTS.name,
    EXAMPLES.name,
    TEXTS.name,
    LISTS_SHEET,
)

#: Rows prepared with validations in a fresh workbook's data tables.
PREPARED_ROWS = 2000

PERSONAL_COLUMNS: tuple[Column, ...] = tuple(c for c in CONTACTS.columns if c.personal)


def table_sheet(name: str) -> TableSheet:
    for sheet in DATA_SHEETS:
        if sheet.name == name:
            return sheet
    raise KeyError(name)
