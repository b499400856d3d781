"""政务公开 progress board: a public, read-only page of the items an officer marked public."""
