import Foundation

/// Parsing and validating on one core while the store writes on the other.
///
/// A producer thread reads, parses and checks rows (`SourceRowReader`,
/// `RowRules`) and hands good rows over in batches through a bounded queue;
/// the caller's thread — the one holding the store's transaction — takes the
/// batches and upserts them. Memory stays bounded (`depth` batches in
/// flight). Measured on a million invoices: with the byte-level parser the
/// producer needs about a tenth of the store thread's time, so a load runs
/// at the store's pace (SQLite upserts).
final class RowPipeline: @unchecked Sendable {
    typealias Batch = [[FieldValue]]
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var producerDone = false
    private var cancelled = false
    private var failure: (any Error)?
    private let finished = DispatchSemaphore(value: 0)
    let depth: Int
    let batchRows: Int

    init(depth: Int = 4, batchRows: Int = 4096) {
        self.depth = depth
        self.batchRows = batchRows
    }

    /// Starts `produce` on its own thread; it calls `emit` with batches and returns when done.
    func start(_ produce: @escaping @Sendable (_ emit: (Batch) -> Bool) throws -> Void) {
        let thread = Thread { [self] in
            do {
                try produce { batch in self.put(batch) }
            } catch {
                condition.lock()
                failure = error
                condition.unlock()
            }
            condition.lock()
            producerDone = true
            condition.broadcast()
            condition.unlock()
            finished.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Queues a batch; false when the consumer has stopped (the producer should stop too).
    private func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch; nil when the producer is done and the queue empty. Rethrows the producer's error.
    func take() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !producerDone { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer (after a store error) and waits for it to exit.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        waitForProducer()
    }

    /// Waits until the producer thread has returned.
    func waitForProducer() {
        finished.wait()
        finished.signal()   // later waits return at once
    }
}
