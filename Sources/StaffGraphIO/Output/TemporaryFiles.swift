import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files and folders an output is being built in, removed if
/// the process is interrupted (SIGINT, SIGTERM, SIGHUP) before they are renamed
/// into place.
///
/// Paths live in a preallocated table of C strings; the signal handler only
/// walks it, newest first, calling `unlink` (then `rmdir` for a folder) and
/// `rename` (to put back a folder moved aside), which are async-signal-safe,
/// and then re-raises the signal with the disposition it had before (the
/// default: the process ends as killed by that signal, status 130 or 143 in a
/// shell). A signal that was ignored when the first temporary was made stays
/// ignored. The handler is installed on first use. (If an earlier handler of
/// the host program keeps the process alive, temporaries of writes under way
/// are gone and those writes fail; later writes work, with ours installed again.)
enum TemporaryFiles {
    /// A registered entry, to be dropped once it is no longer temporary.
    struct Ticket: Sendable, Hashable {
        fileprivate let index: Int
    }

    /// Registers `path` (a file or an empty folder) to be removed on interruption.
    /// Returns `nil` when the table is full (the path is then simply not protected).
    static func remove(_ path: String) -> Ticket? {
        Table.shared.add(kind: 1, path, nil)
    }

    /// Registers a rename of `from` back to `to` on interruption: a folder moved
    /// aside is put back if the process stops before its replacement is in place.
    static func restore(_ from: String, to: String) -> Ticket? {
        Table.shared.add(kind: 2, from, to)
    }

    /// Drops entries: what they name is no longer temporary (renamed into place, or removed).
    static func drop(_ tickets: [Ticket?]) {
        Table.shared.drop(tickets.compactMap { $0 })
    }

    /// Drops one entry.
    static func drop(_ ticket: Ticket?) {
        drop([ticket])
    }

    /// Sets a message the signal handler writes to standard error (before
    /// cleaning up) if the process is interrupted, `nil` for none, and installs
    /// the handler now. Messages longer than 4 KiB are cut.
    static func setInterruptMessage(_ message: String?) {
        Table.shared.setMessage(message)
    }
}

/// A sentence for the user if a long run is interrupted (Ctrl-C, SIGTERM,
/// SIGHUP), such as how to resume it from a checkpoint.
///
/// The process still ends as killed by the signal, after removing the
/// temporaries of writes under way (see ``AtomicFile``); the message is
/// written from the signal handler with `write(2)` only.
public enum InterruptMessage {
    /// Sets the message (`nil`: none) and makes sure the handler is installed.
    public static func set(_ message: String?) {
        TemporaryFiles.setInterruptMessage(message)
    }
}

// MARK: - The table the handler reads

/// Bytes of path text the table holds (4 MiB, reserved once; untouched pages cost nothing).
private let arenaCapacity = 1 << 22
/// Entries the table holds.
private let entryCapacity = 1 << 15

/// Entry `k` starts at `entryOffsets[k]` in `arena`: a kind byte (0 dropped,
/// 1 remove, 2 rename), the path, a NUL, and for a rename the second path and a NUL.
nonisolated(unsafe) private let arena = UnsafeMutablePointer<CChar>.allocate(capacity: arenaCapacity)
nonisolated(unsafe) private let entryOffsets = UnsafeMutablePointer<Int>.allocate(capacity: entryCapacity)
/// `[0]` entries used, `[1]` arena bytes used, `[2]` live entries, `[3]` 1 once the handler runs.
nonisolated(unsafe) private let counters: UnsafeMutablePointer<Int> = {
    let p = UnsafeMutablePointer<Int>.allocate(capacity: 4)
    p.initialize(repeating: 0, count: 4)
    return p
}()

/// Bytes of the interrupt message (NUL-terminated); `[0] == 0` for none.
private let messageCapacity = 4096
nonisolated(unsafe) private let interruptMessage: UnsafeMutablePointer<CChar> = {
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: messageCapacity)
    p.initialize(repeating: 0, count: messageCapacity)
    return p
}()

/// The signals handled and the actions they had before.
private let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
nonisolated(unsafe) private let previousActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 3)
    p.initialize(repeating: sigaction(), count: 3)
    return p
}()
/// 1 where the signal's handler is ours.
nonisolated(unsafe) private let installed: UnsafeMutablePointer<Int32> = {
    let p = UnsafeMutablePointer<Int32>.allocate(capacity: 3)
    p.initialize(repeating: 0, count: 3)
    return p
}()

/// Removes (and puts back) what the table lists, newest first. Async-signal-safe.
private let cleanUpEntries: @convention(c) () -> Void = {
    var k = counters[0] - 1
    while k >= 0 {
        let start = arena + entryOffsets[k]
        let kind = start.pointee
        let first = start + 1
        if kind == 1 {
            if unlink(first) != 0 { rmdir(first) }
        } else if kind == 2 {
            let second = first + strlen(first) + 1
            rename(first, second)
        }
        k -= 1
    }
}

/// The signal handler: async-signal-safe calls only, no allocation, no locks.
///
/// Other threads keep running while it does: it first raises the flag that
/// makes any thread about to create a temporary stop (``Table/add``), lets a
/// creation already under way finish, and cleans up twice, so that a file
/// created just as the first pass went by is removed by the second.
private let cleanUpAndReraise: @convention(c) (Int32) -> Void = { signal in
    counters[3] = 1
    if interruptMessage.pointee != 0 {
        _ = systemWrite(2, interruptMessage, strlen(interruptMessage))
        interruptMessage.pointee = 0
    }
    var pause = timespec(tv_sec: 0, tv_nsec: 20_000_000)
    nanosleep(&pause, nil)
    cleanUpEntries()
    pause = timespec(tv_sec: 0, tv_nsec: 5_000_000)
    nanosleep(&pause, nil)
    cleanUpEntries()
    var slot = 0
    while slot < 3 {
        let s: Int32 = slot == 0 ? SIGINT : slot == 1 ? SIGTERM : SIGHUP
        if s == signal && installed[slot] == 1 {
            sigaction(signal, previousActions + slot, nil)
            installed[slot] = 0
        }
        slot += 1
    }
    raise(signal)
}

/// Adds and drops entries under a lock; installs the handler on first use.
private final class Table: @unchecked Sendable {
    static let shared = Table()
    private let lock = NSLock()
    private var handlerInstalled = false

    func add(kind: CChar, _ first: String, _ second: String?) -> TemporaryFiles.Ticket? {
        let a = Array(first.utf8CString), b = second.map { Array($0.utf8CString) } ?? []
        // The process is being stopped by a signal (handled on another thread): create nothing more, wait
        // for the end. Still alive after a while: a handler from before ours kept the process running, so
        // carry on, with ours installed again.
        var survived = false
        if counters[3] != 0 {
            var remaining: UInt32 = 2
            while remaining > 0 { remaining = sleep(remaining) }
            survived = true
        }
        lock.lock()
        defer { lock.unlock() }
        if survived && counters[3] != 0 {
            counters[3] = 0
            handlerInstalled = false
        }
        if !handlerInstalled { install() }
        let used = counters[0], bytes = counters[1]
        guard used < entryCapacity, bytes + 1 + a.count + b.count <= arenaCapacity else { return nil }
        let start = arena + bytes
        // Write the text first and publish the entry last, so the handler never reads a half-written one.
        (start + 1).update(from: a, count: a.count)
        if !b.isEmpty { (start + 1 + a.count).update(from: b, count: b.count) }
        start.pointee = kind
        entryOffsets[used] = bytes
        counters[1] = bytes + 1 + a.count + b.count
        counters[0] = used + 1
        counters[2] += 1
        return TemporaryFiles.Ticket(index: used)
    }

    func drop(_ tickets: [TemporaryFiles.Ticket]) {
        guard !tickets.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        for ticket in tickets where ticket.index < counters[0] {
            let start = arena + entryOffsets[ticket.index]
            if start.pointee != 0 {
                start.pointee = 0
                counters[2] -= 1
            }
        }
        // Nothing live: start the table over.
        if counters[2] <= 0 {
            counters[0] = 0
            counters[1] = 0
            counters[2] = 0
        }
    }

    /// Sets the interrupt message and installs the handler if it is not.
    func setMessage(_ message: String?) {
        lock.lock()
        defer { lock.unlock() }
        if !handlerInstalled { install() }
        interruptMessage.pointee = 0
        guard let message else { return }
        let bytes = Array(message.utf8.prefix(messageCapacity - 1))
        // Text first, the first byte last: the handler never reads a half-written message.
        if bytes.count > 1 { (interruptMessage + 1).update(from: bytes[1...].map { CChar(bitPattern: $0) }, count: bytes.count - 1) }
        interruptMessage[bytes.count] = 0
        if let first = bytes.first { interruptMessage.pointee = CChar(bitPattern: first) }
    }

    /// Installs the handler for each signal not ignored now. Called under the lock.
    private func install() {
        handlerInstalled = true
        // Initialise every global the handler reads now, never inside the handler.
        _ = (arena, entryOffsets, counters, previousActions, installed, interruptMessage)
        for (slot, signal) in handledSignals.enumerated() where installed[slot] == 0 {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0 else { continue }
            if handlerAddress(current) == ignoredAddress { continue }
            previousActions[slot] = current
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = cleanUpAndReraise
            #else
            action.__sigaction_u.__sa_handler = cleanUpAndReraise
            #endif
            installed[slot] = 1
            if sigaction(signal, &action, nil) != 0 { installed[slot] = 0 }
        }
    }
}

/// The address of an action's handler (SIG_DFL 0, SIG_IGN 1).
private func handlerAddress(_ action: sigaction) -> Int {
    #if canImport(Glibc)
    return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    #else
    return unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self)
    #endif
}

/// SIG_IGN's address.
private let ignoredAddress = 1

// MARK: - A pause for tests

#if DEBUG
/// In debug builds only: with `STAFFGRAPH_TEST_PAUSE` set to `point` in the
/// environment, sleeps up to a minute there, so that tests can interrupt a
/// write at a known moment (`written`: temporaries complete, not yet renamed;
/// `swapping`: an output folder's old version moved aside, the new not yet in).
func pauseForTests(at point: String) {
    guard let value = getenv("STAFFGRAPH_TEST_PAUSE"), String(cString: value) == point else { return }
    var remaining: UInt32 = 60
    while remaining > 0 { remaining = sleep(remaining) }
}
#else
@inline(__always) func pauseForTests(at point: String) {}
#endif
