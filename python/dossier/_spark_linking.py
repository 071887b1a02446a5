"""Distributed linking as Spark stages (``dossier.spark``,
``linking="distributed"``): the stages of the Rust module
``dossier_link::distributed``, with Spark doing the joins and counts
between the native per-partition steps.

1. **groups** (``mapInArrow``, per partition): each annotated document's
   within-document groups as rows, with the keys each is filed under and
   its lookups;
2. **heads**: per key, the earliest filer of each class (person or not,
   placed or not): a ``groupBy``, so a key's rows are never gathered;
3. **decisions**: each lookup joins its key's heads and keeps the earliest
   earlier one it accepts; per group, the first lookup that hits wins:
   an edge to an earlier group;
4. **components**: the edges form a forest (one edge per group, always
   to an earlier group), so pointer jumping (self-joins until no parent
   has a parent) finds each group's root in O(log depth) rounds; run in
   Spark, not on the driver, since there is about one edge per group;
5. **context**: one-word names only context can place are decided on the
   first round's components (salient entities per document, co-occurrence
   counts, shared entities per candidate), then components again;
6. **ids**: a root's slug base, ``-2``, ``-3`` … in order of root group ids
   (a window per base), so ids do not depend on partitioning;
7. **apply** (per partition, documents in input order) and **records**
   (per entity, rows sorted): the tables.

The pure-Rust simulation ``link_distributed`` gives the same ids; the
tests compare Spark's run on 1 and 5 partitions and with the ordered
linker.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Callable, Iterator, Optional

from dossier import _native, _CArray

if TYPE_CHECKING:
    import pyarrow
    from pyspark.sql import Column, DataFrame, SparkSession

#: How a stage is computed and its plan cut (`local_cut`, `reliable_cut`).
Cut = Optional[Callable[["DataFrame"], "DataFrame"]]

#: The groups stage's rows (python/src/linking.rs, `group_batch`).
GROUPS = (
    "gid string, doc string, rank int, person boolean, placed boolean, unplaced_loc boolean, bare boolean, "
    "context boolean, key string, base string, weight long, files string, probes string, payload string"
)
PROBES = "array<struct<pos:int,key:string,evidence:string,any_kind:boolean>>"
#: The record stage's rows: an entity's root group and its record (JSON).
RECORDS = "root string, record string"
#: Most entities a key lists (MAX_PER_KEY of dossier_link::index): the
#: context stage's candidates of an `s:`/`b:` key are its first ones.
MAX_PER_KEY = 32
#: CONTEXT_PER_DOC and MAX_CONTEXT of dossier_link::index.
CONTEXT_PER_DOC, MAX_CONTEXT = 12, 24


def _native_columns(batch: "pyarrow.RecordBatch", columns) -> "pyarrow.RecordBatch":
    import pyarrow as pa

    types = {"order": pa.string(), "seq": pa.int64(), "document": pa.string(), "entities": pa.string()}
    types.update({c: pa.string() for c in ("root", "id", "kind", "evidence", "payload", "record")})
    return pa.record_batch([batch.column(c).cast(types[c]) for c in columns], names=list(columns))


def _groups():
    def groups(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import pyarrow as pa

        planner = _native.Planner()
        for batch in batches:
            native = _native_columns(batch, ["order", "seq", "document"])
            yield pa.record_batch(_CArray(*planner.groups(*native.__arrow_c_array__())))

    return groups


#: Most documents whose table rows travel as one IPC stream (one Spark
#: row) out of the apply stage. An Arrow batch holds up to 10,000
#: documents, so a stream held a whole partition's mentions: at 10k
#: documents on one executor (2 partitions, 2 GB heap) sorting those rows
#: before the write ran out of heap (docs/performance.md, 2026-12-07).
APPLY_DOCS = 500


def _apply(ipc):
    """The apply stage: the documents of a partition, in input order, with
    their entities; its tables as IPC streams (as the ordered link stage),
    each of at most `APPLY_DOCS` documents."""

    def apply(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import pyarrow as pa

        planner = _native.Planner()
        part = 0
        for batch in batches:
            for start in range(0, batch.num_rows, APPLY_DOCS):
                native = _native_columns(batch.slice(start, APPLY_DOCS), ["order", "seq", "document", "entities"])
                for name, capsules in planner.apply(*native.__arrow_c_array__()):
                    part += 1
                    rows = pa.record_batch(_CArray(*capsules))
                    yield pa.record_batch({"table": [name], "part": [part], "ipc": [ipc(rows)]})

    return apply


def _fold():
    def fold(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import pyarrow as pa

        folder = _native.RecordFolder()
        for batch in batches:
            native = _native_columns(batch, ["root", "id", "kind", "evidence", "payload"])
            yield pa.record_batch(_CArray(*folder.push(*native.__arrow_c_array__())))
        yield pa.record_batch(_CArray(*folder.finish()))

    return fold


#: Most inner edges (`roots`) the driver resolves itself; past that,
#: pointer jumping in Spark (the driver holds each as two short strings).
DRIVER_EDGES = 1_000_000


def roots(edges: "DataFrame", cut: Cut = None) -> "DataFrame":
    """(`gid`, `parent`) edges → (`gid`, `root`).

    Every edge points to an earlier group, so the edges form a forest, and
    only the *inner* edges (from a group that is itself a parent) lie on a
    path to a root but for each path's last hop: a group's root is its
    parent's root when its parent has an edge, else its parent. The inner
    edges are few (most groups point straight at a key's first filer), so
    the driver follows them (one job, where pointer jumping took two per
    round, each round a self-join, and some rounds per call); past
    `DRIVER_EDGES` of them they are pointer-jumped in Spark instead. Then
    one join gives every group its root (returned uncomputed: the caller
    cuts it; `cut` cuts the rounds of pointer jumping)."""
    from pyspark.sql import functions as F

    cut = cut or local_cut
    edges = edges.select("gid", "parent")
    parents = edges.select(F.col("parent").alias("gid")).distinct()
    inner = edges.join(parents, "gid", "left_semi")
    rows = _collect_pairs(inner, DRIVER_EDGES)
    if rows is None:
        up = _pointer_jumping(inner, cut)
    else:
        parent = dict(rows)
        root: dict = {}
        for g in parent:
            path = []
            while g in parent and g not in root:
                path.append(g)
                g = parent[g]
            top = root.get(g, g)
            for p in path:
                root[p] = top
        up = _pairs_frame(edges.sparkSession, list(root.items()))
    up = up.select(F.col("gid").alias("parent"), F.col("root").alias("up"))
    return edges.join(up, "parent", "left").select("gid", F.coalesce("up", "parent").alias("root"))


def _pointer_jumping(edges: "DataFrame", cut: Cut) -> "DataFrame":
    """(`gid`, `parent`) → (`gid`, `root`) in Spark: each round a
    self-join (a group's parent becomes its parent's parent) until no
    parent has a parent of its own."""
    from pyspark.sql import functions as F

    cur = cut(edges)
    while True:
        inner = cur.select(F.col("gid").alias("parent"))
        if cur.join(inner, "parent", "left_semi").limit(1).count() == 0:
            return cur.select("gid", F.col("parent").alias("root"))
        up = cur.select(F.col("gid").alias("parent"), F.col("parent").alias("grand"))
        cur = cut(cur.join(up, "parent", "left").select("gid", F.coalesce("grand", "parent").alias("parent")))


def _collect_pairs(df: "DataFrame", most: int) -> Optional[list]:
    """The rows of a two-column string frame as pairs on the driver, or
    None when it has more than `most` rows (Arrow when pyspark has it)."""
    head = df.limit(most + 1)
    if hasattr(head, "toArrow"):  # pyspark >= 4
        table = head.toArrow()
        pairs = list(zip(*(table.column(i).to_pylist() for i in range(2)))) if table.num_rows else []
    else:
        pairs = [tuple(r) for r in head.collect()]
    return None if len(pairs) > most else pairs


def _pairs_frame(spark: "SparkSession", pairs: list) -> "DataFrame":
    """(`gid`, `root`) pairs from the driver as a DataFrame."""
    from pyspark.sql import DataFrame

    schema = "gid string, root string"
    if not hasattr(DataFrame, "toArrow"):  # pyspark < 4 takes no Arrow table
        return spark.createDataFrame(pairs, schema)
    import pyarrow as pa

    return spark.createDataFrame(pa.table({"gid": [g for g, _ in pairs], "root": [r for _, r in pairs]}), schema)


def _labels(groups: "DataFrame", edges: "DataFrame", cut: Cut) -> "DataFrame":
    """Every group's entity (its root group id) under `edges`."""
    from pyspark.sql import functions as F

    r = roots(edges, cut)
    return groups.select("gid").join(r, "gid", "left").select("gid", F.coalesce("root", "gid").alias("label"))


#: Bits of a group's rank in its code (`_gid_codes`). A group id writes
#: its rank in six digits, so ranks below 10**6 < 2**20 sort as numbers.
RANK_BITS = 20
#: `monotonically_increasing_id` (a document's `order`, `_numbered`)
#: puts the partition index above this bit, the row below.
ROW_BITS = 33
#: Most numbering partitions whose ids are coded directly (`_gid_codes`):
#: a partition index below 2**10 leaves room in a long's 63 bits for the
#: row and the rank.
DIRECT_PARTITIONS = 1 << (63 - ROW_BITS - RANK_BITS)


def _gid_codes(docs: "DataFrame"):
    """(`code`, `gid_of`) for the context stage: `code` maps a group-id
    column to a long that sorts as the ids do (its joins, counts and lists
    then hold 8-byte numbers, not ids of 36 bytes); `gid_of` maps a code
    back to its id, or is None when codes cannot be read back.

    A group id is its document's `order` (16 hex digits of
    `monotonically_increasing_id`), a zero `seq` (12 digits), then its rank
    (six digits). When `docs` (`_numbered`) has at most
    `DIRECT_PARTITIONS` partitions (the run's shuffle partitions: 200 by
    default), the code is the order's number shifted left by `RANK_BITS`
    plus the rank: no job, and the id can be rebuilt from it. With more,
    the partition index can leave no room for the rank, and the code is
    the document's place among all documents instead (`_counted_code`: one
    job to count each partition's documents)."""
    if docs.rdd.getNumPartitions() <= DIRECT_PARTITIONS:
        return _direct_code, _direct_gid
    return _counted_code(_partition_rows(docs)), None


def _order_and_rank(gid):
    """A group-id column's document `order` and rank, as longs."""
    from pyspark.sql import functions as F

    gid = F.col(gid) if isinstance(gid, str) else gid
    return F.conv(F.substring(gid, 1, 16), 16, 10).cast("long"), F.substring_index(gid, "\x00", -1).cast("long")


def _direct_code(gid) -> "Column":
    """`order << RANK_BITS | rank` of a group id (`_gid_codes`)."""
    from pyspark.sql import functions as F

    order, rank = _order_and_rank(gid)
    return F.shiftleft(order, RANK_BITS) + rank


def _direct_gid(code: "Column") -> "Column":
    """The group id of a `_direct_code`, as the Rust planner writes it
    (`{order}\\0{seq:012}\\0{rank:06}`, `seq` 0)."""
    from pyspark.sql import functions as F

    order = F.lpad(F.hex(F.shiftright(code, RANK_BITS)), 16, "0")
    rank = F.lpad(code.bitwiseAND((1 << RANK_BITS) - 1).cast("string"), 6, "0")
    return F.concat(order, F.lit("\x00" + "0" * 12 + "\x00"), rank)


def _counted_code(rows: dict):
    """The code of `_gid_codes` for many partitions: the document's place
    among all documents (the rows of the partitions before its own, `rows`:
    partition index → documents, from `_partition_rows`) shifted left by
    `RANK_BITS`, plus the rank."""
    from pyspark.sql import functions as F

    offsets, total = [], 0
    for p in range(max(rows, default=0) + 1):
        offsets.append(total)
        total += rows.get(p, 0)

    def code(gid) -> "Column":
        mid, rank = _order_and_rank(gid)
        place = F.element_at(
            F.array(*(F.lit(o).cast("long") for o in offsets)), F.shiftright(mid, ROW_BITS).cast("int") + 1
        ) + (mid.bitwiseAND((1 << ROW_BITS) - 1))
        return F.shiftleft(place, RANK_BITS) + rank

    return code


def _partition_rows(docs: "DataFrame") -> dict:
    """`_numbered`'s documents per partition index (one small job)."""
    from pyspark.sql import functions as F

    mid = F.conv(F.col("order"), 16, 10).cast("long")
    return dict(docs.groupBy(F.shiftright(mid, ROW_BITS).alias("p")).count().collect())


def _context_edges(groups, files, first, labels, code, gid_of) -> "DataFrame":
    """Stage 5 (`context_edges` in Rust): edges of the groups that look
    themselves up by context. Entities (and the groups compared with their
    first filers) are `code`s of their ids (`_gid_codes`) until the winners
    are known; `gid_of` (or a join, when None) gives their ids back."""
    from pyspark.sql import Window, functions as F

    # Shuffled once by document: the weights, the salient window, their
    # join and the earlier entities per document then need no shuffle of
    # their own (each would hash by its own keys, four exchanges).
    gl = groups.join(labels, "gid").select("doc", "rank", code("label").alias("label"), "weight", "bare").repartition("doc")
    weights = gl.groupBy("doc", "label").agg(F.sum("weight").alias("w"), F.min("rank").alias("first"))
    by_weight = Window.partitionBy("doc").orderBy(F.desc("w"), F.asc("first"))
    salient = (
        weights.withColumn("r", F.row_number().over(by_weight))
        .where(F.col("r") <= CONTEXT_PER_DOC)
        .select("doc", F.col("label").alias("other"))
    )
    # Shuffled by entity before the count, so the count and the top-24
    # window below share one exchange (hashing by (label, other), then
    # by label, shuffled the 3M counted pairs of a 10k run once more).
    cooc = (
        weights.select("doc", "label")
        .join(salient, "doc")
        .where(F.col("label") != F.col("other"))
        .repartition("label")
        .groupBy("label", "other")
        .count()
    )
    by_count = Window.partitionBy("label").orderBy(F.desc("count"), F.asc("other"))
    context = cooc.withColumn("r", F.row_number().over(by_count)).where(F.col("r") <= MAX_CONTEXT).select("label", "other")
    cg = groups.where("context").select(F.col("gid").alias("g"), code("gid").alias("gc"), "doc", "rank", "key")
    # A context group's earlier entities are those of its document whose
    # first non-bare group comes before it: one list per document (entity,
    # first rank), filtered per group when scored, rather than a row per
    # (group, earlier entity) made distinct and gathered per group (a join
    # of every context group with its document's groups).
    doc_firsts = (
        gl.where(~F.col("bare"))
        .groupBy("doc", "label")
        .agg(F.min("rank").alias("orank"))
        .groupBy("doc")
        .agg(F.collect_list(F.struct("orank", "label")).alias("firsts"))
    )
    # A key's candidates: its first MAX_PER_KEY entities in order of their
    # first filer (the ordered linker's index lists a key's first 32
    # entities in the order they were filed), the persons among them. A
    # group meets an entity whose first filer is earlier than itself.
    by_first = Window.partitionBy("key").orderBy("first")
    candidates = (
        files.where(F.col("key").startswith("s:") | F.col("key").startswith("b:"))
        .select("key", F.col("gid").alias("f"))
        .join(labels.select(F.col("gid").alias("f"), "label"), "f")
        .groupBy("key", code("label").alias("label"))
        .agg(F.min(code("f")).alias("first"))
        .withColumn("r", F.row_number().over(by_first))
        .where(F.col("r") <= MAX_PER_KEY)
        .join(groups.where("person").select(code("gid").alias("label")), "label", "left_semi")
    )
    cands = (
        cg.select("g", "gc", "doc", "rank", F.explode(F.array(F.concat(F.lit("s:"), "key"), F.concat(F.lit("b:"), "key"))).alias("key"))
        .join(candidates, "key")
        .where(F.col("first") < F.col("gc"))
        .select("g", "doc", "rank", "label")
        .distinct()
    )
    # Shared entities as the size of two lists' intersection, one row per
    # (group, candidate): joining row by row made a row per (group,
    # candidate, context entity), the run's largest table by far.
    context_of = context.groupBy("label").agg(F.collect_list("other").alias("ctx"))
    earlier = F.transform(F.filter("firsts", lambda f: f["orank"] < F.col("rank")), lambda f: f["label"])
    scores = (
        cands.join(context_of, "label")
        .join(doc_firsts, "doc")
        .select("g", "label", F.size(F.array_intersect("ctx", earlier)).alias("count"))
        .where(F.col("count") >= 2)
    )
    best = Window.partitionBy("g")
    won = (
        scores.withColumn("best", F.max("count").over(best))
        .where(F.col("count") == F.col("best"))
        .groupBy("g")
        .agg(F.count("*").alias("n"), F.min("label").alias("label"), F.max("best").alias("best"))
        .where((F.col("n") == 1) & (F.col("best") >= 2))
        .select(F.col("g").alias("gid"), "label")
    )
    # The winners' entities back to ids: an entity's id is its root
    # group's, whose own label it is.
    if gid_of is not None:
        won = won.select("gid", gid_of(F.col("label")).alias("parent"), F.lit("context").alias("evidence"))
    else:
        ids = labels.where(F.col("gid") == F.col("label"))
        ids = ids.select(code("label").alias("label"), F.col("label").alias("parent"))
        won = won.join(ids, "label").select("gid", "parent", F.lit("context").alias("evidence"))
    fallback = first.where("context").select("gid", "parent", "evidence").join(won, "gid", "left_anti")
    return won.unionByName(fallback)


def link(docs: "DataFrame", partitions: int, ipc, cut: Cut = None, timings: bool = False) -> "DataFrame":
    """Links the annotated documents (`order`, `seq`, `document`) in
    stages; returns the linked rows (`table`, `part`, `ipc`) of the five
    tables, as the ordered link stage does. `cut` computes a stage and
    cuts its plan (default `local_cut`; `reliable_cut` survives a lost
    executor). With `timings`, each stage's wall time and rows are
    printed on standard error."""
    from pyspark.sql import Window, functions as F

    stage = _stages(cut or local_cut, timings)
    docs = _numbered(docs, stage("number documents"))
    groups = stage("groups")(docs.mapInArrow(_groups(), GROUPS))
    files = groups.select("gid", "person", "placed", F.explode(F.from_json("files", "array<string>")).alias("key"))
    probes = groups.select(
        "gid", "person", "unplaced_loc", "context", F.explode(F.from_json("probes", PROBES)).alias("p")
    ).select("gid", "person", "unplaced_loc", "context", "p.*")
    heads = files.groupBy("key", F.col("person").alias("h_person"), F.col("placed").alias("h_placed")).agg(
        F.min("gid").alias("head")
    )
    accepts = F.col("any_kind") | (
        (F.col("h_person") == F.col("person")) & ~(F.col("unplaced_loc") & F.col("h_placed"))
    )
    first = (
        probes.join(heads, "key")
        .where((F.col("head") < F.col("gid")) & accepts)
        .groupBy("gid", "context")
        .agg(F.min(F.struct("pos", "head", "evidence")).alias("e"))
        .select("gid", "context", F.col("e.head").alias("parent"), F.col("e.evidence").alias("evidence"))
    )
    first = stage("first edges")(first)
    strong = first.where(~F.col("context")).select("gid", "parent", "evidence")
    labels = stage("components")(_labels(groups, strong, stage("components round")))
    code, gid_of = _gid_codes(docs)
    edges = stage("context edges")(strong.unionByName(_context_edges(groups, files, first, labels, code, gid_of)))
    final = stage("components again")(
        _labels(groups, edges.select("gid", "parent"), stage("components round")).withColumnRenamed("label", "root")
    )
    # Ids: a root's base, then -2, -3 … in order of root group ids.
    roots_ = groups.join(edges, "gid", "left_anti").select(F.col("gid").alias("root"), "base")
    n = F.row_number().over(Window.partitionBy("base").orderBy("root"))
    ids = roots_.withColumn("n", n).select(
        "root", "base", F.when(F.col("n") == 1, F.col("base")).otherwise(F.concat_ws("-", "base", F.col("n").cast("string"))).alias("id")
    )
    ids = _fix_collisions(stage("ids")(ids))
    assigned = (
        groups.join(final, "gid")
        .join(edges.select("gid", "evidence"), "gid", "left")
        .join(ids.select("root", "id"), "root")
        .select("doc", "rank", "gid", "root", "id", F.coalesce("evidence", F.lit("first")).alias("evidence"), "payload")
    )
    assigned = stage("assigned")(assigned)
    per_doc = assigned.groupBy("doc").agg(
        F.to_json(F.collect_list(F.struct("rank", "id", "evidence"))).alias("entities")
    )
    key = F.concat(F.col("order"), F.lit("\x00"), F.lpad(F.col("seq").cast("string"), 12, "0"))
    linked = (
        docs.withColumn("doc", key)
        .join(per_doc, "doc", "left")
        .repartitionByRange(partitions, "order", "seq")
        .sortWithinPartitions("order", "seq")
        .select("order", "seq", "document", "entities")
        .mapInArrow(_apply(ipc), "table string, part long, ipc binary")
    )
    linked = stage("apply")(linked)
    doc_entities = _decoded(linked, "doc_entities", "entity string, sort string, context string")
    rows = assigned.select(
        "root", "id", F.col("gid").alias("sort"), F.lit("group").alias("kind"), "evidence", "payload"
    ).unionByName(
        doc_entities.join(ids.select("root", F.col("id").alias("entity")), "entity").select(
            "root",
            F.col("entity").alias("id"),
            "sort",
            F.lit("doc").alias("kind"),
            F.lit(None).cast("string").alias("evidence"),
            F.col("context").alias("payload"),
        )
    )
    records = (
        rows.repartition(partitions, "root")
        .sortWithinPartitions("root", "sort")
        .mapInArrow(_fold(), RECORDS)
        .where(F.col("root").isNotNull())
        .orderBy("root")
        .mapInArrow(_entities_ipc(ipc), "table string, part long, ipc binary")
    )
    records = stage("records")(records)
    return linked.where(F.col("table") != "doc_entities").unionByName(records)


def _stages(cut: Callable[["DataFrame"], "DataFrame"], timings: bool):
    """`stage(name)`: `cut` that, with `timings`, prints the stage's wall
    time and its rows (one more count, of rows already computed)."""

    def stage(name: str) -> Callable[["DataFrame"], "DataFrame"]:
        def run(df: "DataFrame") -> "DataFrame":
            start, jobs = time.monotonic(), spark_jobs(df.sparkSession)
            out = cut(df)
            if timings:
                wall, jobs = time.monotonic() - start, spark_jobs(df.sparkSession) - jobs
                print(f"dossier:   {name}: {wall:.1f} s, {jobs} jobs, {out.count():,} rows", file=sys.stderr)
            return out

        return run

    return stage


def spark_jobs(spark: "SparkSession") -> int:
    """How many Spark jobs the session has started so far (job ids count
    up from 0): each costs a fixed scheduling round trip, so `--timings`
    prints them per stage."""
    return max(spark.sparkContext.statusTracker().getJobIdsForGroup(None), default=-1) + 1


def local_cut(df: "DataFrame") -> "DataFrame":
    """`df` computed now and kept on the executors, its plan cut: without
    it, every later stage would carry (and Spark would print) the plans of
    all the stages before, which grow past the driver's memory. Kept in
    the executors' block stores only: a lost executor fails the run (its
    blocks cannot be recomputed, the plan that made them is gone)."""
    return df.localCheckpoint(eager=True)


def reliable_cut(df: "DataFrame") -> "DataFrame":
    """As `local_cut`, but written to the session's checkpoint directory
    (`SparkContext.setCheckpointDir`, a file system every executor
    reaches: HDFS, S3, a shared mount): a lost executor costs a re-read,
    not the run; each stage's rows are written once more."""
    return df.checkpoint(eager=True)


def _numbered(docs: "DataFrame", cut: Cut) -> "DataFrame":
    """`docs` with short sort keys: each document's `order` becomes its
    place in input order (16 hex digits: `monotonically_increasing_id`
    over the sorted documents grows with the sort), `seq` 0. Only the
    keys' order is ever read, and the group ids the stages join and
    shuffle begin with them: the inputs' keys (the file's path, then its
    block and row) made every row three times wider."""
    from pyspark.sql import functions as F

    place = F.lpad(F.hex(F.monotonically_increasing_id()), 16, "0")
    return cut(docs.orderBy("order", "seq").select(place.alias("order"), F.lit(0).cast("long").alias("seq"), "document"))


def _entities_ipc(ipc):
    """Records (in root order) into `entities` rows, as IPC streams."""

    def entities(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import pyarrow as pa

        part = 0
        for batch in batches:
            native = _native_columns(batch, ["record"])
            rows = pa.record_batch(_CArray(*_native.entities_table(*native.__arrow_c_array__())))
            part += 1
            yield pa.record_batch({"table": ["entities"], "part": [part], "ipc": [ipc(rows)]})

    return entities


def _decoded(linked: "DataFrame", table: str, schema: str) -> "DataFrame":
    """One table of `linked` back into rows."""

    def decode(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import pyarrow as pa

        for batch in batches:
            for blob in batch.column("ipc").to_pylist():
                for rows in pa.ipc.open_stream(blob):
                    if rows.num_rows:
                        yield rows

    from pyspark.sql import functions as F

    return linked.where(F.col("table") == table).mapInArrow(decode, schema)


def _fix_collisions(ids: "DataFrame") -> "DataFrame":
    """An id two bases make (`smith-2` as the second Smith and as a name of
    its own) is rare; when it happens, the roots of the bases involved get
    their ids on the driver, by the Rust rule (`assign_ids`)."""
    from pyspark.sql import functions as F

    clashes = ids.groupBy("id").count().where(F.col("count") > 1).select("id")
    if clashes.limit(1).count() == 0:
        return ids
    bases = ids.join(clashes, "id").select("base").distinct()
    involved = ids.join(bases, "base").select("root", "base").collect()
    fixed = dict(_native.assign_ids([(r.root, r.base) for r in involved]))
    print(f"dossier: {len(fixed)} entity ids reassigned after a slug collision", file=sys.stderr)
    spark = ids.sparkSession
    fixed_df = spark.createDataFrame(list(fixed.items()), "root string, fixed string")
    return ids.join(fixed_df, "root", "left").select("root", "base", F.coalesce("fixed", "id").alias("id"))
