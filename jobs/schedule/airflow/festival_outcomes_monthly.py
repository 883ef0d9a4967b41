"""festival-outcomes: the monthly report of a job, submitted to a Spark cluster by Airflow.

Each DAG run reports on the month of its data interval and passes it explicitly (--period), so
clearing and re-running a DAG run rewrites the same run folder with the same result; catchup=True
backfills missed months one run folder each. Needs apache-airflow-providers-apache-spark and a
Spark connection (default id: spark_default) pointing at the cluster's master.

Adjust APP_JAR, JOB_FILE and the connection to the installation (see README, "Scheduled runs and the staging store" and "On a Spark cluster").
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

APP_JAR = "/opt/festival-outcomes/target/festival-outcomes-cluster.jar"  # built by mvn package (Spark provided)
JOB_FILE = "/opt/festival-outcomes/jobs/sample.yaml"  # inputs and output must be reachable by the driver

with DAG(
    dag_id="festival_outcomes_monthly",
    description="Monthly festival outcome report (metrics.csv, workbooks, charts)",
    # 06:00 on the 2nd: the month before is complete; its data interval is that month
    schedule="0 6 2 * *",
    start_date=datetime(2023, 5, 2),
    catchup=True,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=30)},
    tags=["festival-outcomes"],
) as dag:
    SparkSubmitOperator(
        task_id="run_monthly_report",
        conn_id="spark_default",
        application=APP_JAR,
        java_class="org.festivaloutcomes.cli.Main",
        # the month before the run: data_interval_start of a monthly schedule on the 2nd
        application_args=[
            "run", JOB_FILE,
            "--period", "{{ data_interval_start.strftime('%Y-%m') }}",
            "--run-at", "{{ data_interval_end.isoformat() }}",
        ],
        conf={
            "spark.sql.shuffle.partitions": "64",
            "spark.driver.extraJavaOptions": "-Dio.netty.tryReflectionSetAccessible=true",
        },
        driver_memory="4g",
        executor_memory="4g",
        # exit 3 (report written, rejected share above the job's threshold) fails the task on purpose
    )
