"""Every problem code with its severity and Norwegian message template.

Codes are stable (tests, filters and the JSON output use them); users read
the message. A template is filled from the problem (`{value}`, `{header}`,
`{sheet}`, `{cell}`) and the details a check passes; when the problem has
a suggestion, the hint is added after the message.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Location
from ..reading import cell_text
from .problems import Problem, Severity

ERROR = Severity.ERROR
WARNING = Severity.WARNING

#: Longest value quoted inside a message (the full value is in `Problem.value`).
QUOTE_LIMIT = 60

DID_YOU_MEAN = "Mente du «{suggestion}»?"


@dataclass(frozen=True)
class Message:
    severity: Severity
    template: str
    hint: str | None = DID_YOU_MEAN


MESSAGES: dict[str, Message] = {
    # --- cells -----------------------------------------------------------------
    "mangler-verdi": Message(ERROR, "«{header}» må fylles ut.", None),
    "dato-som-tekst": Message(
        WARNING,
        "Datoen «{value}» er skrevet som tekst. Skriv den inn på nytt som dato (dd.mm.åååå), "
        "slik at Excel kan sortere og filtrere på den.",
        "Verktøyet leser den som {suggestion}.",
    ),
    "ugyldig-dato": Message(
        ERROR, "«{value}» er ikke en gyldig dato. Skriv datoen som dd.mm.åååå, for eksempel 14.04.2020.", None
    ),
    "tall-som-tekst": Message(
        WARNING, "Tallet «{value}» er skrevet som tekst. Skriv det inn på nytt som tall.", None
    ),
    "ugyldig-heltall": Message(
        ERROR, "«{value}» er ikke et heltall. Skriv et helt tall med sifre, for eksempel 3.", None
    ),
    "ukjent-listeverdi": Message(ERROR, "«{item}» er ikke en tillatt verdi i «{header}». {fix}"),
    "listeverdi-skrivemate": Message(
        WARNING,
        "«{item}» er skrevet annerledes enn i listen. Skriv verdien slik den står i listen.",
        "Forslag: «{suggestion}».",
    ),
    "gjentatt-valg": Message(
        WARNING,
        "«{item}» står flere ganger i cellen. Ta med hver verdi bare én gang.",
        "Forslag: «{suggestion}».",
    ),
    "excel-feilverdi": Message(
        ERROR,
        "Cellen viser Excel-feilen {value}. Skriv inn verdien direkte (uten = foran), eller rett formelen.",
        None,
    ),
    # --- text ------------------------------------------------------------------
    "formel-i-celle": Message(
        WARNING,
        "Cellen inneholder en formel. Verktøyet bruker bare verdien Excel regnet ut sist, og den kan være "
        "tom eller gammel. Skriv inn teksten direkte i stedet.",
        None,
    ),
    "tekst-som-formel": Message(
        WARNING,
        "Teksten begynner med «{first}», så Excel kan gjøre den om til en formel når cellen redigeres "
        "eller kopieres. Fjern tegnet først i teksten, eller begynn med en bokstav.",
        "Forslag: «{suggestion}».",
    ),
    "ugyldig-tegn": Message(
        ERROR,
        "Teksten inneholder usynlige kontrolltegn ({chars}) som et Word-dokument ikke kan inneholde. "
        "Skriv teksten inn på nytt uten dem.",
        "Forslag: «{suggestion}».",
    ),
    "excel-tegnkode": Message(
        WARNING,
        "Teksten inneholder Excel-koden «{escape}», som blir stående som rare tegn i rapporten. "
        "Fjern koden fra teksten.",
        "Forslag: «{suggestion}».",
    ),
    # --- IDs and names ---------------------------------------------------------------
    "duplikat-id": Message(
        ERROR,
        "ID-en «{value}» står også i rad {first_row}. Hver rad må ha sin egen ID: tøm cellen, så får "
        "raden en ny ID neste gang du kontrollerer og lagrer.",
        None,
    ),
    "id-format": Message(
        WARNING,
        "ID-en «{value}» følger ikke mønsteret {prefix}001, {prefix}002 og så videre. Tøm cellen, så får "
        "raden en ny ID neste gang du kontrollerer og lagrer, eller la den stå om den er valgt med vilje.",
        None,
    ),
    "duplikat-navn": Message(
        ERROR,
        "«{value}» står også i rad {first_row}. Hver organisasjon skal stå bare én gang i {sheet}: slå "
        "sammen radene, eller skill navnene fra hverandre.",
        None,
    ),
    # --- contacts --------------------------------------------------------------------
    "ugyldig-epost": Message(
        ERROR, "«{value}» er ikke en gyldig e-postadresse. Skriv én adresse som navn@domene.no."
    ),
    "ugyldig-telefon": Message(
        ERROR,
        "«{value}» er ikke et gyldig telefonnummer. Skriv ett nummer: norske med åtte sifre, "
        "utenlandske med landskode (for eksempel +46 8 123 456 78).",
    ),
    "avtale-utenfor-kategori": Message(
        ERROR,
        "Intensjonsavtale er «{value}», men kategorien er «{category}». Bare kategorien «{allowed}» kan ha "
        "intensjonsavtale: sett «{no}», eller rett kategorien.",
        None,
    ),
    # --- dates -----------------------------------------------------------------------
    "svar-for-kontaktet": Message(
        ERROR, "«{header}» ({value}) er før «{other_header}» ({other}). Rett en av datoene.", None
    ),
    "svar-i-fremtiden": Message(
        ERROR, "«{header}» ({value}) er etter dagens dato ({today}). Rett datoen.", None
    ),
    "dato-i-fremtiden": Message(
        WARNING, "Datoen {value} er etter dagens dato ({today}). Sjekk at den er riktig.", None
    ),
    "dato-utenfor-aret": Message(
        WARNING,
        "Datoen {value} ligger langt fra året for innspillsrunden ({year}). Sjekk at årstallet er riktig.",
        None,
    ),
    "datoer-i-feil-rekkefolge": Message(
        WARNING, "«{header}» ({value}) er etter «{other_header}» ({other}). Sjekk datoene.", None
    ),
    # --- answers and input --------------------------------------------------------------
    "svar-uten-innspill": Message(
        WARNING,
        "{name} er registrert med svar, men har ingen rader i arket {inputs}. Legg inn innspillene, "
        "eller tøm «{header}» hvis organisasjonen ikke har svart.",
        None,
    ),
    "innspill-uten-svar": Message(
        ERROR,
        "{name} har {how_many} i arket {inputs} (første i rad {first_row}), men «{header}» er tom. "
        "Fyll inn datoen svaret kom.",
        "Forslag: {suggestion} (første dato i «{received}»).",
    ),
    "ukjent-organisasjon": Message(
        ERROR,
        "«{value}» finnes ikke i kolonnen «{target_header}» i arket {target_sheet}. Skriv navnet nøyaktig "
        "som der, eller legg organisasjonen til i {target_sheet}.",
    ),
    "duplikat-innspill": Message(
        WARNING,
        "Det samme innspillet fra {name} står også i rad {first_row}. Slett den ene raden, eller sett "
        "«{include}» til «{no}» på den.",
        None,
    ),
    "personopplysning-i-tekst": Message(
        WARNING,
        "Teksten ser ut til å inneholde personopplysninger ({found}), og den kommer med i rapporten. "
        "Fjern dem, eller sett «{include}» til «{no}».",
        None,
    ),
    # --- columns, lists, settings, texts ----------------------------------------------------
    "mangler-kolonne": Message(
        WARNING,
        "Arket {sheet} mangler kolonnen «{missing}», så alle verdiene der regnes som tomme. Legg "
        "kolonnen til i tabellen (overskrift i rad {row}).",
        "Kolonnen «{value}» ser ut til å være den: gi den overskriften «{suggestion}».",
    ),
    "mangler-liste": Message(
        WARNING,
        "Arket {sheet} mangler listen {list} (kolonnen «{key_header}»). Standardverdiene brukes, og "
        "nedtrekkslisten virker ikke. Legg listen til igjen (se malen).",
        None,
    ),
    "tom-liste": Message(ERROR, "Listen {list} på arket {sheet} er tom. Legg inn minst én verdi.", None),
    "duplikat-listeverdi": Message(
        ERROR, "«{value}» står også i rad {first_row} i listen {list}. Slett den ene raden.", None
    ),
    "ugyldig-kjonn": Message(
        ERROR,
        "«{value}» er ikke et grammatisk kjønn. Skriv {genders} (det gir «én kommune», «ett råd» i "
        "rapporten).",
    ),
    "duplikat-rekkefolge": Message(
        WARNING,
        "Rekkefølgen {value} er brukt også i rad {first_row}. Gi hver rad sitt eget tall.",
        None,
    ),
    "mangler-felt": Message(
        ERROR,
        "Arket {sheet} mangler raden «{field}». Legg den til nederst i tabellen, med «{field}» i "
        "kolonnen «{key_header}» og verdien i «{value_header}».",
        None,
    ),
    "ugyldig-ar": Message(
        ERROR, "Året {value} ser ikke riktig ut. Skriv årstallet for innspillsrunden med fire sifre.", None
    ),
    "ukjent-felt": Message(
        WARNING,
        "«{value}» er ikke et felt verktøyet kjenner, og blir ikke brukt. Rett navnet, eller slett raden.",
    ),
    "duplikat-felt": Message(
        WARNING,
        "«{value}» står også i rad {first_row}, og bare den raden blir brukt. Slett den ene raden.",
        None,
    ),
    "ukjent-tekstdel": Message(
        WARNING,
        "Rapporten har ingen del som heter «{value}», så teksten kommer ikke med. Bruk et av navnene "
        "{known}.",
    ),
}


def quote(value: str | None, limit: int = QUOTE_LIMIT) -> str:
    """A value short enough to quote in a message."""
    text = "" if value is None else " ".join(value.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def shown(raw: object) -> str | None:
    """A raw cell value as the user sees it (None for blank)."""
    return None if raw is None else cell_text(raw)


def make_problem(
    code: str,
    where: Location,
    raw: object,
    *,
    suggestion: str | None = None,
    **details: object,
) -> Problem:
    """A problem at `where`, with its message rendered from the code's template."""
    spec = MESSAGES[code]
    value = shown(raw)
    fields: dict[str, object] = {
        "value": quote(value),
        "header": where.header,
        "sheet": where.sheet,
        "cell": where.address,
        "row": where.row,
        "suggestion": quote(suggestion),
        **details,
    }
    message = spec.template.format(**fields)
    if suggestion is not None and spec.hint is not None:
        message = f"{message} {spec.hint.format(**fields)}"
    return Problem(
        code=code,
        severity=spec.severity,
        sheet=where.sheet,
        row=where.row,
        column=where.column,
        header=where.header,
        value=value,
        message=message,
        suggestion=suggestion,
    )
