"""Finding work: the matched list, the job detail, applying."""
