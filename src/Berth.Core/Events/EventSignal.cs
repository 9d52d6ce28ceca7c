namespace Berth.Core.Events;

/// <summary>
/// Wakes in-process consumers when events have been committed. A waiter takes <see cref="Next"/> before it reads
/// the outbox, so a commit between its read and its wait still wakes it. Thread-safe.
/// </summary>
public sealed class EventSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Called after a commit that appended events.</summary>
    public void Notify()
    {
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _next, fresh).TrySetResult();
    }
}
