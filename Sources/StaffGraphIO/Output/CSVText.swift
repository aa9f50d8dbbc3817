// Text conventions shared by every CSV writer (edge lists, rosters, review files, tables).

/// Formats a weight the way every writer does: integral values without a fraction (`3`), others in the
/// shortest form that reads back as the same number (`2.5`, `0.1`).
func formatWeight(_ w: Double) -> String { formatJSONNumber(w) }

