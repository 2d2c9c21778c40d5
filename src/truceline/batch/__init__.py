"""Archives past one machine: extraction on Apache Spark, bulk loading into the store.

``truceline batch extract`` runs the single-machine pipeline (readers, relevance
screen, extractor) inside Spark executors and writes the records as Parquet
tables that mirror :class:`~truceline.record.ExtractionRecord`
(:mod:`truceline.batch.tables`); ``truceline batch ingest`` loads those tables
into a store chunk by chunk and rebuilds the record (:mod:`truceline.batch.load`).

Only :mod:`truceline.batch.spark` imports pyspark (the ``spark`` extra), and only
when a job runs: loading batch output needs pyarrow alone, and no other command
pays for either.
"""
