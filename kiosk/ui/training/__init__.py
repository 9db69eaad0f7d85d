"""Skills-training booking: the courses screen, home's button and the reminder."""
