import StaffGraphCore

extension Roster {
    /// The run's ``GroupColors`` for column `name` (exactly, else ignoring case
    /// and accents, as ``column(named:file:)`` finds columns): made from the
    /// whole roster's values (``Roster/population(of:)``), so a selection gets
    /// the colours of the whole; values that differ only in case, accents or
    /// spacing are one group, as ``groups(by:file:)`` makes them.
    /// - Throws: ``InputError`` (usage) for an unknown column, naming the closest one.
    public func groupColors(by name: String, file: String) throws(InputError) -> GroupColors {
        let (column, _) = try self.column(named: name, file: file)
        return GroupColors(column: column, population: population(of: column) ?? [], sameGroup: rosterValueKey)
    }
}
