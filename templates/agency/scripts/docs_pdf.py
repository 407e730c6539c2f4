"""`make docs-pdf`: the docs, the client handoff and the security checklist as branded PDFs.

Each Markdown file (docs/*.md, SECURITY_CHECKLIST.md) becomes docs/pdf/<name>.pdf: pandoc
turns it into Typst markup and Typst lays it out with docs/pdf-template.typ, which holds
the brand (name, company, colour, logo) so an agency restyles every PDF in one place.
Mermaid diagrams become PNG images drawn by mermaid-cli in Chromium; without Chromium (or
when a diagram fails) the script says so and keeps the diagram's source text instead.

The tools are pinned and installed on first use into .tools/ (gitignored): pandoc and
Typst from PyPI into a virtualenv, mermaid-cli from npm without its browser download.
Rendering itself fetches nothing: Typst uses its built-in fonts. The script starts with
any Python 3.11+ (standard library only) and re-runs itself inside that virtualenv.

Environment: CHROMIUM_PATH (the browser, default: chromium on PATH), DOCS_PDF_TOOLS and
MERMAID_TOOLS (where the tools live, default .tools/docs-pdf and .tools/mermaid-cli).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "pdf"
# Intermediate files and rendered diagrams, outside docs/ so no Markdown lands among the docs.
BUILD = ROOT / ".tools" / "docs-pdf-build"
TOOLS = Path(os.environ.get("DOCS_PDF_TOOLS") or ROOT / ".tools" / "docs-pdf").resolve()
MERMAID_TOOLS = Path(os.environ.get("MERMAID_TOOLS") or ROOT / ".tools" / "mermaid-cli").resolve()
PYTHON_PINS = ["pypandoc-binary==1.17", "typst==0.15.2"]
MERMAID_CLI = "@mermaid-js/mermaid-cli@11.9.0"
FENCE = re.compile(r"^```mermaid[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
LOGOS = ["frontend/public/logo.png", "frontend/public/logo.svg"]


def main() -> int:
    if Path(sys.prefix).resolve() != TOOLS:
        python = install_python_tools()
        os.execv(python, [str(python), __file__, *sys.argv[1:]])
    sources = sorted((ROOT / "docs").glob("*.md")) + sorted(ROOT.glob("SECURITY_CHECKLIST.md"))
    for folder in (OUT, BUILD):
        folder.mkdir(parents=True, exist_ok=True)
    diagrams = render_diagrams([s.read_text(encoding="utf-8") for s in sources])
    failed = [s for s in sources if not render(s, diagrams)]
    print(f"docs-pdf: {len(sources) - len(failed)} of {len(sources)} PDFs in {OUT.relative_to(ROOT)}/")
    return 1 if failed else 0


# --- tools --------------------------------------------------------------------------------

def install_python_tools() -> Path:
    """pandoc and Typst, pinned, in their own virtualenv (uv when present, else venv + pip)."""
    python = TOOLS / "bin" / "python"
    stamp = TOOLS / "pins.txt"
    if python.exists() and stamp.exists() and stamp.read_text() == "\n".join(PYTHON_PINS):
        return python
    print(f"docs-pdf: installing {', '.join(PYTHON_PINS)} into {TOOLS}", flush=True)
    uv = shutil.which("uv")
    if uv:
        run([uv, "venv", "-q", "--allow-existing", str(TOOLS)])
        run([uv, "pip", "install", "-q", "--python", str(python), *PYTHON_PINS])
    else:
        venv.create(TOOLS, with_pip=True)
        run([str(python), "-m", "pip", "install", "-q", *PYTHON_PINS])
    stamp.write_text("\n".join(PYTHON_PINS))
    return python


def chromium() -> str | None:
    named = os.environ.get("CHROMIUM_PATH")
    if named:
        return named if Path(named).exists() else None
    return next(filter(None, map(shutil.which, ["chromium", "chromium-browser", "google-chrome"])), None)


def install_mermaid_cli() -> Path:
    """mermaid-cli from npm, without puppeteer's own browser (Chromium is the system's)."""
    mmdc = MERMAID_TOOLS / "node_modules" / ".bin" / "mmdc"
    if not mmdc.exists():
        print(f"docs-pdf: installing {MERMAID_CLI} into {MERMAID_TOOLS}", flush=True)
        env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
        run(["npm", "install", "--prefix", str(MERMAID_TOOLS), "--no-audit", "--no-fund", MERMAID_CLI], env=env)
    return mmdc


def run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(cmd, check=True, env=env)


# --- Mermaid --------------------------------------------------------------------------

def digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()[:16]


def render_diagrams(texts: list[str]) -> dict[str, Path]:
    """Every Mermaid block of `texts` as a PNG (one browser for all), keyed by its digest.
    A diagram rendered by an earlier run is reused; on failure the result is empty."""
    blocks = {digest(m.group(1)): m.group(1) for text in texts for m in FENCE.finditer(text)}
    pngs = {key: BUILD / "diagrams" / f"{key}.png" for key in blocks}
    todo = [key for key, png in pngs.items() if not png.exists()]
    if not todo:
        return pngs
    browser = chromium()
    if browser is None:
        print(f"docs-pdf: no Chromium found (set CHROMIUM_PATH): {len(todo)} Mermaid diagrams "
              "stay as source text", file=sys.stderr)
        return {key: png for key, png in pngs.items() if png.exists()}
    try:
        mmdc = install_mermaid_cli()
        draw(mmdc, browser, [(blocks[key], pngs[key]) for key in todo])
    except (subprocess.CalledProcessError, OSError) as e:
        print(f"docs-pdf: Mermaid diagrams stay as source text ({e})", file=sys.stderr)
    return {key: png for key, png in pngs.items() if png.exists()}


def draw(mmdc: Path, browser: str, blocks: list[tuple[str, Path]]) -> None:
    """mmdc renders a Markdown file's blocks to <out>-1.png, <out>-2.png, ... in order."""
    work = BUILD / "mermaid"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "all.md").write_text("".join(f"```mermaid\n{code}```\n\n" for code, _ in blocks))
    # Generous launch and protocol timeouts: a busy CI machine starts Chromium slowly.
    config = {"executablePath": browser, "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
              "timeout": 180_000, "protocolTimeout": 600_000}
    (work / "puppeteer.json").write_text(json.dumps(config))
    run([str(mmdc), "-q", "-i", str(work / "all.md"), "-o", str(work / "out.md"), "-e", "png",
         "-s", "2", "-b", "white", "-p", str(work / "puppeteer.json")])
    for n, (_, png) in enumerate(blocks, 1):
        png.parent.mkdir(parents=True, exist_ok=True)
        (work / f"out-{n}.png").replace(png)
    shutil.rmtree(work)


# --- Markdown to PDF ------------------------------------------------------------------

def typst_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def with_images(text: str, diagrams: dict[str, Path]) -> str:
    """Mermaid blocks become their PNG (a root-relative path Typst resolves), or plain code."""
    def swap(m: re.Match[str]) -> str:
        png = diagrams.get(digest(m.group(1)))
        if png is None:
            return f"```text\n{m.group(1)}```"
        return f"![](/{png.relative_to(ROOT).as_posix()})"
    return FENCE.sub(swap, text)


def split_title(text: str, fallback: str) -> tuple[str, str]:
    """The first `# ` heading is the title page's title; the rest is the body."""
    m = re.search(r"^# (.+)\n", text, re.MULTILINE)
    if m is None:
        return fallback, text
    return m.group(1).strip().replace("\\", ""), text[:m.start()] + text[m.end():]


def render(source: Path, diagrams: dict[str, Path]) -> bool:
    import pypandoc  # type: ignore[import-not-found]  # the tools virtualenv's
    import typst  # type: ignore[import-not-found]

    title, body = split_title(with_images(source.read_text(encoding="utf-8"), diagrams), source.stem)
    markup = pypandoc.convert_text(body, "typst", format="gfm", extra_args=["--wrap=none"])
    logo = next((f'image("/{p}")' for p in LOGOS if (ROOT / p).exists()), "none")
    rel = source.relative_to(ROOT).as_posix()
    page = (f'#import "/docs/pdf-template.typ": doc\n'
            f"#show: doc.with(title: {typst_string(title)}, source: {typst_string(rel)}, logo: {logo})\n\n"
            f"{markup}")
    typ = BUILD / f"{source.stem}.typ"
    typ.write_text(page, encoding="utf-8")
    try:
        typst.compile(str(typ), output=str(OUT / f"{source.stem}.pdf"), root=str(ROOT))
    except typst.TypstError as e:
        print(f"docs-pdf: {rel} failed: {e}", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
