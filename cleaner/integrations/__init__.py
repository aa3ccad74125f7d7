"""Adapters to other frameworks: Scrapy (``scrapy.py``, extra ``scrapy``) and Spark (``spark.py`` and
``spark_job.py``, extra ``spark``). Each imports its framework only when used."""
