"""The pages. One module per area; urls.py names them all."""
