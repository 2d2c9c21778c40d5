"""Archives past one machine: extraction, loading and reconciliation on Apache Spark.

``truceline batch extract`` runs the single-machine pipeline (readers, relevance
screen, extractor) inside Spark executors and writes the records as Parquet
tables that mirror :class:`~truceline.record.ExtractionRecord`
(:mod:`truceline.batch.tables`); ``truceline batch ingest`` loads those tables
into a store chunk by chunk and rebuilds the record (:mod:`truceline.batch.load`);
:mod:`truceline.batch.reconcile` reconciles a store's reports on Spark, block by
block, with the single-machine functions, for ``truceline rebuild --spark-master``.

Only :mod:`truceline.batch.spark` and :mod:`truceline.batch.reconcile` import
pyspark (the ``spark`` extra), and only when a job runs: loading batch output
needs pyarrow alone, and no other command pays for either.
"""
