"""Fast recruitment at the station (issue 15): the employers card, the job, the rooms queue."""
