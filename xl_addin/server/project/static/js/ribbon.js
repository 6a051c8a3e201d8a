// Innspill: the ribbon buttons and the task pane buttons.
//
// Each button runs one script on the server (xl_addin/server/scripts.py) with
// xlwings.runPython. Only the sheets the script declares in @script(include=...)
// are sent; they are read from /xlwings/custom-scripts-meta.json.
//
// Kontroller also sends where earlier checks left their marks (cell notes whose
// text starts with "Innspill-kontroll:" or whose author is "Innspill-kontroll"),
// so that the server can remove them. Only addresses leave Excel, never note text.
//
// Lag rapport ends with a runMacro action to innspillLastNed, which opens the
// one-time link to the Word file in the browser.

const INNSPILL_MARK = "Innspill-kontroll";
const INNSPILL_DOWNLOAD_PATH = "/innspill/rapport/";

const INNSPILL_BUTTONS = {
  innspillKontroller: { script: "kontroller", withMarks: true },
  innspillOppdaterTelling: { script: "oppdater_telling", withMarks: false },
  innspillLagRapport: { script: "lag_rapport", withMarks: false },
};

function innspillAppPath() {
  return globalThis.config && globalThis.config.appPath ? globalThis.config.appPath : "";
}

let innspillMetaPromise = null;

async function innspillInclude(scriptName) {
  if (innspillMetaPromise === null) {
    const url = window.location.origin + innspillAppPath() + "/xlwings/custom-scripts-meta.json";
    innspillMetaPromise = fetch(url).then((response) => {
      if (!response.ok) {
        throw new Error("Fant ikke skriptene på serveren (" + response.status + ").");
      }
      return response.json();
    });
  }
  let meta;
  try {
    meta = await innspillMetaPromise;
  } catch (error) {
    innspillMetaPromise = null;
    throw error;
  }
  const entry = meta.find((item) => item.function_name === scriptName);
  if (!entry || !entry.include) {
    throw new Error("Skriptet " + scriptName + " finnes ikke på serveren.");
  }
  return entry.include;
}

function innspillIsMark(note) {
  return note.authorName === INNSPILL_MARK || String(note.content).startsWith(INNSPILL_MARK + ":");
}

// "Kontakter!C5" for every mark an earlier check left; null where notes are not available.
async function innspillFindMarks() {
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.18")) {
    return null;
  }
  return await Excel.run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    const perSheet = sheets.items.map((sheet) => sheet.notes.load("items/content,items/authorName"));
    await context.sync();
    const locations = [];
    perSheet.forEach((notes) => {
      notes.items.forEach((note) => {
        if (innspillIsMark(note)) {
          locations.push(note.getLocation().load("address"));
        }
      });
    });
    await context.sync();
    return locations.map((location) => location.address);
  });
}

// A short message in the same dialog xlwings uses for book.app.alert.
function innspillAlert(text) {
  const url =
    window.location.origin +
    innspillAppPath() +
    "/xlwings/alert?prompt=" +
    encodeURIComponent(text) +
    "&title=Innspill&buttons=ok&mode=critical&callback=";
  Office.context.ui.displayDialogAsync(url, { height: 40, width: 30, displayInIframe: true });
}

async function innspillMarksOrNull() {
  try {
    return await innspillFindMarks();
  } catch (error) {
    // Earlier marks then stay; the check itself still runs.
    console.error(error);
    return null;
  }
}

async function innspillRun(functionName) {
  const button = INNSPILL_BUTTONS[functionName];
  const auth =
    typeof globalThis.getAuth === "function" ? await globalThis.getAuth() : { token: "", provider: "" };
  let include;
  try {
    include = await innspillInclude(button.script);
  } catch (error) {
    console.error(error);
    innspillAlert("Får ikke kontakt med Innspill-serveren. Prøv igjen om litt, eller kontakt IT.");
    return;
  }
  const args = button.withMarks ? [await innspillMarksOrNull()] : [];
  await xlwings.runPython({
    scriptName: button.script,
    include: include,
    auth: auth.token,
    headers: { "Auth-Provider": auth.provider },
    args: args,
  });
}

async function innspillButton(functionName, event) {
  try {
    await innspillRun(functionName);
  } catch (error) {
    console.error(error);
  } finally {
    event.completed();
  }
}

async function innspillKontroller(event) {
  await innspillButton("innspillKontroller", event);
}

async function innspillOppdaterTelling(event) {
  await innspillButton("innspillOppdaterTelling", event);
}

async function innspillLagRapport(event) {
  await innspillButton("innspillLagRapport", event);
}

// runMacro action from lag_rapport: open the one-time link to the Word file.
async function innspillLastNed(context, token, filename) {
  const url =
    window.location.origin + innspillAppPath() + INNSPILL_DOWNLOAD_PATH + encodeURIComponent(token);
  if (Office.context.requirements.isSetSupported("OpenBrowserWindowApi", "1.1")) {
    Office.context.ui.openBrowserWindow(url);
  } else {
    window.open(url, "_blank", "noopener");
  }
}

// Task pane: buttons with data-innspill-button="<function name>".
function innspillTaskpaneButtons() {
  document.querySelectorAll("[data-innspill-button]").forEach((element) => {
    element.addEventListener("click", async () => {
      element.setAttribute("disabled", "true");
      try {
        await innspillRun(element.getAttribute("data-innspill-button"));
      } catch (error) {
        console.error(error);
      } finally {
        element.removeAttribute("disabled");
      }
    });
  });
}

Office.onReady(() => {
  if (globalThis.xlwings) {
    xlwings.registerCallback(innspillLastNed);
  }
  innspillTaskpaneButtons();
});

if (Office.actions) {
  Office.actions.associate("innspillKontroller", innspillKontroller);
  Office.actions.associate("innspillOppdaterTelling", innspillOppdaterTelling);
  Office.actions.associate("innspillLagRapport", innspillLagRapport);
}
