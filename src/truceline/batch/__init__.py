"""Archives past one machine: work that Spark spreads over a cluster.

:mod:`truceline.batch.reconcile` reconciles a store's reports on Spark, block by
block, with the single-machine functions, for ``truceline rebuild --spark-master``.
Only this package imports pyspark (the ``spark`` extra), and only when a job runs.
"""
