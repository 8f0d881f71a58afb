"""What users see: the command line (cli), figures (plots, figure_data) and files (output)."""
