"""What crosses the file boundary besides the plan: PDF, JSON interchange, spreadsheets."""
