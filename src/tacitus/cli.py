"""The `tacitus` command line: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 every document coded; 1 some documents rejected (listed on stderr); 2 usage or setup error.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .coder import Coder, parse_day
from .config import Config
from .errors import TacitusError
from .ingest import iter_inputs
from .model import Document, Event, Reject
from .output import EventWriter

EXIT_OK, EXIT_REJECTS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Political event data (CAMEO) from news text.",
)
actors_app = typer.Typer(no_args_is_help=True, help="Inspect how actors are coded.")
app.add_typer(actors_app, name="actors")
err = Console(stderr=True, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tacitus {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    """Tacitus turns news text into CAMEO events: who did what to whom, when and where."""


def _config(model: str | None, date: str | None, processes: int | None = None, batch_size: int = 64,
            **settings: object) -> Config:
    try:
        return Config(model=model, date=date, processes=processes, batch_size=batch_size, **settings)
    except ValueError as exc:
        raise TacitusError(str(exc).splitlines()[-1] if str(exc) else "invalid settings") from None


DictionariesOption = Annotated[Path | None, typer.Option(
    "--dictionaries", help="Folder of PETRARCH/TABARI dictionaries (*verbs*/CAMEO*, *actors*, *agents*, *discards*).")]
ActorsOption = Annotated[list[Path] | None, typer.Option("--actors", help="PETRARCH actor file (repeatable).")]
VerbsOption = Annotated[list[Path] | None, typer.Option("--verbs", help="PETRARCH verb-pattern file (repeatable).")]
AgentsOption = Annotated[list[Path] | None, typer.Option("--agents", help="PETRARCH agent file (repeatable).")]
DiscardsOption = Annotated[list[Path] | None, typer.Option("--discards", help="PETRARCH discard file (repeatable).")]
NoBuiltinOption = Annotated[bool, typer.Option("--no-builtin", help="Use only the PETRARCH dictionaries named.")]


def _with_dictionaries(config: Config, folder: Path | None, actors: list[Path] | None, verbs: list[Path] | None,
                       agents: list[Path] | None, discards: list[Path] | None, no_builtin: bool) -> Config:
    """The config with PETRARCH dictionaries layered over (or, with --no-builtin, instead of) the built-in ones."""
    files = {role: tuple(paths) for role, paths in
             (("actors", actors), ("verbs", verbs), ("agents", agents), ("discards", discards)) if paths}
    for path in [p for paths in files.values() for p in paths] + ([folder] if folder else []):
        if not path.exists():
            raise TacitusError(f"{path}: no such dictionary file or folder")
    if no_builtin and not (folder or files):
        raise TacitusError("--no-builtin needs PETRARCH dictionaries (--dictionaries DIR or --actors/--verbs FILE)")
    return config.model_copy(update={"dictionaries": folder, "petrarch_files": files, "builtin": not no_builtin})


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[events]} events"),
        TimeElapsedColumn(), console=err, transient=False, disable=not err.is_terminal,
    )


class Run:
    """A CLI coding run: a progress bar on stderr, rejects reported as they come and listed at the end."""

    def __init__(self, coder: Coder, db: Path | None = None, engine=None) -> None:  # type: ignore[no-untyped-def]
        from .pipeline import CodingRun

        self.store = None
        if db is not None:
            from .store import Store

            self.store = Store(db)
        self.run = CodingRun(coder, self.store, on_reject=self._rejected, engine=engine)

    @staticmethod
    def _rejected(reject: Reject) -> None:
        err.print(f"[yellow]skipped[/] {reject.item}: {reject.reason}", highlight=False)

    def code(self, inputs: list[str], date: str | None, **read_options: str):  # type: ignore[no-untyped-def]
        """Yield (document, events) for every readable input (``read_options``: see ``iter_inputs``)."""
        with _progress() as progress:
            task = progress.add_task("coding", total=None, events=0)
            for document, events in self.run.run(iter_inputs(inputs, date, **read_options)):
                progress.update(task, advance=1, events=self.run.summary.events)
                yield document, events

    def report(self) -> int:
        summary = self.run.summary
        line = f"coded {summary.documents} document(s), {summary.events} event(s)"
        if summary.skipped:
            line += f"; {summary.skipped} already in the store"
        if self.store is not None:
            line += f"; {summary.stories} stories in {self.store.path}"
            self.store.close()
        err.print(line, highlight=False)
        if summary.rejects:
            err.print(f"[yellow]{len(summary.rejects)} input(s) not coded:[/]")
            for reject in summary.rejects:
                err.print(f"  {reject.item}: {reject.reason}", highlight=False)
            return EXIT_REJECTS
        return EXIT_OK


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(
        help="Files (text, HTML, PDF, JSON Lines, CSV, RSS/Atom), folders (recursive), http(s) URLs, or - for stdin."
    )],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write .jsonl, .csv or .parquet.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model name (default: installed English model).")] = None,
    date: Annotated[str | None, typer.Option(help="Date (YYYY-MM-DD) for documents that carry none.")] = None,
    processes: Annotated[int | None, typer.Option(min=1, help="Coding processes (default: every core).")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per parser batch.")] = 64,
    db: Annotated[Path | None, typer.Option(help="Also store documents and events in this DuckDB file.")] = None,
    keep_unknown: Annotated[bool, typer.Option(
        help="Also emit events with one actor unidentified ('---' or a sector with no country).")] = False,
    text_field: Annotated[str, typer.Option(help="JSON Lines/CSV field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSON Lines/CSV field holding the document id.")] = "id",
    date_field: Annotated[str, typer.Option(help="JSON Lines/CSV field holding the document date.")] = "date",
    dictionaries: DictionariesOption = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    agents: AgentsOption = None,
    discards: DiscardsOption = None,
    no_builtin: NoBuiltinOption = False,
    prefilter: Annotated[bool, typer.Option(
        help="Parse only sentences with an event trigger and an actor (--no-prefilter parses all).")] = True,
    engine: Annotated[str, typer.Option(help="local (worker processes) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (tcp://HOST:PORT); default: a local cluster.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Workers of the local Dask cluster.")] = None,
) -> None:
    """Code documents into events (JSON Lines on stdout unless -o or --db is given).

    With --engine dask, -o DIR.parquet writes a Parquet dataset partitioned by month (month=YYYY-MM).
    """
    settings = {"keep_unknown": keep_unknown, "prefilter": prefilter}
    config = _with_dictionaries(_config(model, date, processes, batch_size, **settings), dictionaries,
                                actors, verbs, agents, discards, no_builtin)
    coder = Coder(config)
    if engine == "dask":
        raise typer.Exit(_code_dask(coder, inputs, output, date, db, scheduler, workers))
    if engine != "local":
        raise TacitusError(f"unknown engine {engine!r}; choose local or dask")
    run = Run(coder, db)
    fields = {"text_field": text_field, "id_field": id_field, "date_field": date_field}
    if db is not None and output is None:
        for _ in run.code(inputs, date, **fields):
            pass
    else:
        with EventWriter(output) as writer:
            for _, events in run.code(inputs, date, **fields):
                writer.write(events)
    raise typer.Exit(run.report())


def _code_dask(coder: Coder, inputs: list[str], output: Path | None, date: str | None, db: Path | None,
               scheduler: str | None, workers: int | None) -> int:
    from .engines.dask import DaskEngine, ParquetDataset

    with DaskEngine(coder.config, scheduler=scheduler, workers=workers) as dask:
        run = Run(coder, db, engine=dask.code_documents)
        if output is not None and output.suffix.lower() == ".parquet":
            with ParquetDataset(output) as dataset:
                for _, events in run.code(inputs, date):
                    dataset.write(events)
        elif db is not None and output is None:
            for _ in run.code(inputs, date):
                pass
        else:
            with EventWriter(output) as writer:
                for _, events in run.code(inputs, date):
                    writer.write(events)
        return run.report()


@app.command()
def demo(
    model: Annotated[str | None, typer.Option(help="spaCy model name.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Also write the events here.")] = None,
    db: Annotated[Path, typer.Option(help="DuckDB store to code into.")] = Path("tacitus.duckdb"),
) -> None:
    """Code the bundled sample corpus into the store and print a summary."""
    from .tsv import builtin_path

    coder = Coder(_config(model, None))
    run = Run(coder, db)
    events: list[Event] = []
    documents: list[Document] = []
    sample = sorted(str(path) for path in builtin_path("sample").glob("*.txt"))
    for document, found in run.code(sample, None):
        documents.append(document)
        events.extend(found)
    if output is not None:
        with EventWriter(output) as writer:
            writer.write(events)
    status = run.report()
    _summary(coder, events)
    Console().print(
        f"Stored in [bold]{db}[/]. Explore it with `tacitus stories --db {db}`, "
        f"`tacitus sql \"SELECT * FROM events LIMIT 5\" --db {db}` or "
        f"`tacitus export --db {db} --format gdelt -o events.tsv`.", highlight=False
    )
    Console().print(
        f"Open the dashboard: run `tacitus serve --db {db}` and browse to http://127.0.0.1:8000/ "
        "(the JSON API is documented at http://127.0.0.1:8000/docs).", highlight=False
    )
    raise typer.Exit(status)


def _summary(coder: Coder, events: list[Event]) -> None:
    out = Console()
    asserted = [e for e in events if e.modality == "asserted"]
    modality = Counter(e.modality for e in events)
    out.print(f"[bold]{len(events)} events[/] ({', '.join(f'{n} {m}' for m, n in modality.most_common())})")
    roots = Table(title="Events by CAMEO root (asserted)")
    for column in ("root", "name", "events"):
        roots.add_column(column)
    codebook = coder.codebook
    for root, n in sorted(Counter(e.root for e in asserted).items()):
        roots.add_row(root, codebook.get(root).name, str(n))
    out.print(roots)
    dyads = Table(title="Top dyads (asserted, both sides coded)")
    for column in ("source", "target", "events", "mean Goldstein"):
        dyads.add_column(column)
    pairs = Counter((e.source.code, e.target.code) for e in asserted if e.source.known and e.target.known)
    for (source, target), n in pairs.most_common(10):
        scores = [e.goldstein for e in asserted if (e.source.code, e.target.code) == (source, target)]
        dyads.add_row(source, target, str(n), f"{sum(scores) / len(scores):+.1f}")
    out.print(dyads)


def _filters(start: str | None, end: str | None, actor: str | None, country: str | None,
             root: str | None, code: str | None, modality: str | None) -> dict[str, object]:
    given = {"start": start, "end": end, "actor": actor, "country": country, "root": root, "code": code,
             "modality": modality}
    return {k: v for k, v in given.items() if v is not None}


FilterStart = Annotated[str | None, typer.Option(help="Earliest event date (YYYY-MM-DD).")]
FilterEnd = Annotated[str | None, typer.Option(help="Latest event date (YYYY-MM-DD).")]
FilterActor = Annotated[str | None, typer.Option(help="Actor code prefix on either side (IRQ, USAGOV).")]
FilterCountry = Annotated[str | None, typer.Option(help="Country on either side (alpha-3).")]
FilterRoot = Annotated[str | None, typer.Option(help="CAMEO root (\"19\").")]
FilterCode = Annotated[str | None, typer.Option(help="CAMEO code (\"173\").")]
FilterModality = Annotated[str | None, typer.Option(help="asserted, negated or hypothetical.")]
DbOption = Annotated[Path, typer.Option(help="DuckDB store.")]


def _open_store(db: Path):  # type: ignore[no-untyped-def]
    from .store import open_store

    if not db.exists():
        raise TacitusError(f"no store at {db}; create one with `tacitus code ... --db {db}` or `tacitus demo`")
    return open_store(db)


@app.command()
def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="gdelt, icews, plover, parquet, csv or jsonl.")] = "jsonl",
    db: DbOption = Path("tacitus.duckdb"),
    start: FilterStart = None, end: FilterEnd = None, actor: FilterActor = None, country: FilterCountry = None,
    root: FilterRoot = None, code: FilterCode = None, modality: FilterModality = None,
) -> None:
    """Export stored events as GDELT 2.0, ICEWS, PLOVER, Parquet, CSV or JSON Lines."""
    from .store import EXPORT_FORMATS
    from .store import export as export_events

    if fmt not in EXPORT_FORMATS:
        raise TacitusError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    with _open_store(db) as store:
        rows = export_events(store, fmt, output, **_filters(start, end, actor, country, root, code, modality))
    err.print(f"wrote {rows} event(s) to {output} ({fmt})", highlight=False)


@app.command()
def stories(
    db: DbOption = Path("tacitus.duckdb"),
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 20,
    start: FilterStart = None, end: FilterEnd = None, actor: FilterActor = None, country: FilterCountry = None,
    root: FilterRoot = None, code: FilterCode = None,
) -> None:
    """List stories: repeated reports of one event merged, with their counts."""
    with _open_store(db) as store:
        frame = store.stories(limit=None, **_filters(start, end, actor, country, root, code, None))
    frame = frame.sort_values(["num_documents", "num_mentions"], ascending=False).head(limit)
    table = Table(title=f"Stories in {db} (most reported first)")
    columns = ["story_id", "first_date", "source_key", "code", "target_key", "num_mentions", "num_documents",
               "num_sources", "reason"]
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(str(getattr(row, column)) for column in columns))
    Console().print(table)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="One read-only statement (SELECT, WITH, DESCRIBE, SHOW).")],
    db: DbOption = Path("tacitus.duckdb"),
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write .csv or .parquet.")] = None,
) -> None:
    """Run read-only SQL against the store (tables: documents, events, stories, story_events, actors, rejects, runs)."""
    with _open_store(db) as store:
        frame = store.sql(query)
    if output is None:
        typer.echo(frame.to_csv(index=False), nl=False)
    elif output.suffix == ".parquet":
        frame.to_parquet(output, index=False)
    else:
        frame.to_csv(output, index=False)


@app.command()
def serve(
    db: DbOption = Path("tacitus.duckdb"),
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    max_body: Annotated[int, typer.Option(min=1, help="Largest POST body in bytes (larger gets 413).")] = 1_000_000,
) -> None:
    """Serve the web dashboard and JSON API (OpenAPI at /docs) over the store, read-only."""
    import uvicorn

    from .web import create_app

    if not db.exists():
        raise TacitusError(f"no store at {db}; create one with `tacitus demo` or `tacitus code ... --db {db}`")
    web_app = create_app(db, max_body=max_body)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/] listening on {host}: anyone who can reach it can read the store")
    err.print(f"Tacitus dashboard on http://{host}:{port}/ (API docs at /docs); Ctrl+C stops it", highlight=False)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(
        help="Gold set as JSON Lines (id, date, text, events, tags), or PETRARCH validation XML.")],
    model: Annotated[str | None, typer.Option(help="spaCy model name.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    detail: Annotated[str, typer.Option(help="Level for the lists of misses: exact, dyad_root or root.")] = "dyad_root",
    dictionaries: DictionariesOption = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    agents: AgentsOption = None,
    discards: DiscardsOption = None,
    no_builtin: NoBuiltinOption = False,
    prefilter: Annotated[bool, typer.Option(help="Use the sentence prefilter (as `tacitus code` does).")] = True,
) -> None:
    """Score the coder against a gold set: precision, recall, F1 at three levels, modality, misses.

    A PETRARCH validation file (.xml) is coded with the dictionaries its Environment names (or those given).
    """
    import json

    config = _with_dictionaries(_config(model, None, prefilter=prefilter), dictionaries, actors, verbs, agents,
                                discards, no_builtin)
    if gold.suffix.lower() == ".xml":
        from .petrarch.validate import validate_file

        result = validate_file(gold, Coder(config))
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if as_json else result.to_text())
        return

    from .evaluate import evaluate_jsonl

    report = evaluate_jsonl(gold, Coder(config))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(report.format_text(detail=detail))


@actors_app.command("lookup")
def actors_lookup(
    text: Annotated[str, typer.Argument(help="A name or phrase, e.g. 'Iraqi security forces'.")],
    date: Annotated[str | None, typer.Option(help="Date for dated roles (YYYY-MM-DD).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model name.")] = None,
) -> None:
    """Show how a name is coded, and why."""
    from .actors import ActorResolver

    coder = Coder(_config(model, date))
    doc = coder.nlp(text)
    mentions = coder.matcher.find(doc)
    resolver = ActorResolver(doc, mentions, parse_day(date))
    out = Console()
    for mention in mentions:
        kinds = ", ".join(f"{e.kind} {e.name} [{e.code or (e.roles[0].code if e.roles else '')}]"
                          for e in mention.entries)
        out.print(f"matched {mention.text!r}: {kinds}", highlight=False)
    heads = [t for t in doc if t.dep_ == "ROOT"]
    actor = resolver.resolve(heads[0]) if heads else None
    if actor is None or not actor.known:
        out.print(f"{text!r} is not coded as an actor")
        raise typer.Exit(EXIT_REJECTS)
    out.print(f"[bold]{actor.code}[/] country={actor.country} sector={actor.sector} name={actor.name}"
              + (f" affiliation={actor.affiliation}" if actor.affiliation else ""), highlight=False)


def main() -> None:
    """Console entry point. Usage errors exit with 2 (typer/click); so do Tacitus errors."""
    try:
        app()
    except TacitusError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(EXIT_USAGE)
