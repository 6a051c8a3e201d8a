"""The add-in manifest, the ribbon JavaScript and the scripts agree, and Office gets what it requires.

No Office XSD is available offline (the `office-addin-manifest` npm package validates
through a Microsoft web service), so the elements Office requires are checked here by hand.
"""

from __future__ import annotations

import re
import struct
import uuid
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from xl_addin.schema import MARK_AUTHOR
from xl_addin.server.app import PROJECT_DIR
from xl_addin.server.downloads import DOWNLOAD_CALLBACK, DOWNLOAD_PATH
from xl_addin.server.scripts import SCRIPT_NAMES

NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "ov": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XSI_TYPE = f"{{{NS['xsi']}}}type"
#: The sequence of OfficeApp's children for a TaskPaneApp (Office add-in manifest schema 1.1).
TASKPANE_ORDER = [
    "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description",
    "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements",
    "DefaultSettings", "Permissions", "Dictionary", "VersionOverrides",
]  # fmt: skip
REQUIRED = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings"]
RIBBON_JS = PROJECT_DIR / "static" / "js" / "ribbon.js"
TASKPANE = PROJECT_DIR / "templates" / "taskpane.html"


@pytest.fixture
def manifest(client: TestClient) -> etree._Element:
    response = client.get("/manifest.xml", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    root: etree._Element = etree.fromstring(response.content)
    return root


def local(element: etree._Element) -> str:
    return str(etree.QName(element).localname)


def test_manifest_top_level_elements(manifest: etree._Element) -> None:
    assert local(manifest) == "OfficeApp"
    assert manifest.get(XSI_TYPE) == "TaskPaneApp"
    names = [local(e) for e in manifest if isinstance(e.tag, str)]
    assert [n for n in TASKPANE_ORDER if n in names] == names  # the schema's order, nothing unknown
    assert set(REQUIRED) <= set(names)
    uuid.UUID(manifest.findtext("o:Id", namespaces=NS))
    assert re.fullmatch(r"\d+(\.\d+){0,3}", manifest.findtext("o:Version", namespaces=NS) or "")
    assert manifest.findtext("o:DefaultLocale", namespaces=NS) == "nb-NO"
    assert manifest.find("o:Hosts/o:Host", NS).get("Name") == "Workbook"
    assert manifest.findtext("o:Permissions", namespaces=NS) == "ReadWriteDocument"
    for tag in ("DisplayName", "Description"):
        assert manifest.find(f"o:{tag}", NS).get("DefaultValue")


def test_manifest_resources_resolve_and_fit(manifest: etree._Element) -> None:
    resources = manifest.find("ov:VersionOverrides/ov:Resources", NS)
    kinds = {
        "Images": {e.get("id") for e in resources.iterfind("bt:Images/bt:Image", NS)},
        "Urls": {e.get("id") for e in resources.iterfind("bt:Urls/bt:Url", NS)},
        "ShortStrings": {e.get("id") for e in resources.iterfind("bt:ShortStrings/bt:String", NS)},
        "LongStrings": {e.get("id") for e in resources.iterfind("bt:LongStrings/bt:String", NS)},
    }
    wanted = {"Label": "ShortStrings", "Title": "ShortStrings", "Description": "LongStrings"}
    wanted |= {"Image": "Images", "SourceLocation": "Urls", "FunctionFile": "Urls", "Runtime": "Urls"}
    hosts = manifest.find("ov:VersionOverrides/ov:Hosts", NS)
    references = [e for e in hosts.iter() if isinstance(e.tag, str) and e.get("resid")]
    assert references
    for element in references:
        assert element.get("resid") in kinds[wanted[local(element)]], element.get("resid")
    for ids in kinds.values():
        assert all(len(i) <= 32 for i in ids)
    for text in resources.iterfind("bt:ShortStrings/bt:String", NS):
        assert 0 < len(text.get("DefaultValue")) <= 125
    for text in resources.iterfind("bt:LongStrings/bt:String", NS):
        assert 0 < len(text.get("DefaultValue")) <= 250
    control_ids = [c.get("id") for c in hosts.iter(f"{{{NS['ov']}}}Control")]
    assert len(control_ids) == len(set(control_ids)) == 4


def test_every_url_is_https_and_served(client: TestClient, manifest: etree._Element) -> None:
    urls = [
        e.get("DefaultValue") for e in manifest.iter() if isinstance(e.tag, str) and e.get("DefaultValue")
    ]
    urls = [u for u in urls if "://" in u]
    assert len(urls) >= 15
    urls.append(manifest.findtext("o:AppDomains/o:AppDomain", namespaces=NS) + "/taskpane.html")
    for url in urls:
        parts = urlsplit(url)
        assert parts.scheme == "https", url
        assert client.get(parts.path).status_code == 200, url


def test_icons_are_pngs_of_their_size(client: TestClient, manifest: etree._Element) -> None:
    for image in manifest.iterfind(".//bt:Image", NS):
        if image.get("DefaultValue") is None:
            continue
        data = client.get(urlsplit(image.get("DefaultValue")).path).content
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        size = int(image.get("id").rsplit(".", 1)[1].split("x")[0])
        assert width == height == size


def _associations() -> dict[str, str]:
    return dict(re.findall(r'Office\.actions\.associate\("(\w+)",\s*(\w+)\)', RIBBON_JS.read_text()))


def _buttons() -> dict[str, str]:
    return dict(re.findall(r'(\w+): \{ script: "(\w+)"', RIBBON_JS.read_text()))


def test_every_button_runs_a_registered_script(client: TestClient, manifest: etree._Element) -> None:
    functions = [e.text for e in manifest.iterfind(".//ov:Action/ov:FunctionName", NS)]
    assert len(functions) == 3
    associated = _associations()
    buttons = _buttons()
    scripts = {m["function_name"] for m in client.get("/xlwings/custom-scripts-meta.json").json()}
    for name in functions:
        assert name in associated
        assert re.search(rf"async function {associated[name]}\(event\)", RIBBON_JS.read_text())
        assert buttons[name] in scripts
    assert sorted(buttons.values()) == sorted(SCRIPT_NAMES) == sorted(scripts)


def test_task_pane_buttons_are_ribbon_buttons(client: TestClient) -> None:
    page = client.get("/taskpane.html")
    assert page.status_code == 200
    assert sorted(re.findall(r'data-innspill-button="(\w+)"', page.text)) == sorted(_buttons())
    assert "custom-functions-code" not in page.text


def test_ribbon_js_agrees_with_python_constants() -> None:
    js = RIBBON_JS.read_text()
    assert f'const INNSPILL_MARK = "{MARK_AUTHOR}";' in js
    assert f'const INNSPILL_DOWNLOAD_PATH = "{DOWNLOAD_PATH}/";' in js
    assert f"xlwings.registerCallback({DOWNLOAD_CALLBACK})" in js
    assert f"async function {DOWNLOAD_CALLBACK}(context, token, filename)" in js


def test_no_example_functions_leak_from_xlwings_server(client: TestClient) -> None:
    assert client.get("/xlwings/custom-functions-meta.json").json()["functions"] == []
