"""After the job: the pay question at the worker's tap (PayFeature)."""
