"""Scheduled work without cron: reminders, escalation, recurrence checks, the dashboard
refresh and notification retries, run by ``duban worker`` (or inside ``duban serve``) on huey."""
