using System.Reflection;
using SyndicationBot.Queue;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// The real ledger behind <see cref="IPostQueue"/>, except that the calls of one method chosen by the test fail
/// (the storage outage the test injects, e.g. SQLITE_FULL) on the attempts it names.
/// </summary>
public class FailingQueueProxy : DispatchProxy
{
    private IPostQueue _target = null!;
    private string _method = string.Empty;
    private Func<int, Exception?> _failure = _ => null;
    private int _calls;

    /// <summary>How many times the failing method was called.</summary>
    public int Calls => _calls;

    internal static (IPostQueue Queue, FailingQueueProxy Proxy) Wrap(IPostQueue target, string method, Func<int, Exception?> failure)
    {
        var queue = Create<IPostQueue, FailingQueueProxy>();
        var proxy = (FailingQueueProxy)(object)queue;
        proxy._target = target;
        proxy._method = method;
        proxy._failure = failure;
        return (queue, proxy);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == _method && _failure(Interlocked.Increment(ref _calls)) is { } failure)
        {
            // The port's methods are all asynchronous: the failure surfaces where a real one would, on await.
            var result = typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!
                .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]);
            return result.Invoke(null, [failure]);
        }

        try
        {
            return targetMethod.Invoke(_target, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }
    }
}
