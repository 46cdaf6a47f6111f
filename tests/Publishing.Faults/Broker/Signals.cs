using System.Runtime.InteropServices;

namespace Publishing.Faults.Broker;

/// <summary>POSIX signals to one process id: .NET kills a process but cannot pause or resume one.</summary>
public static class Signals
{
    public const int Kill = 9;
    public const int Continue = 18;
    public const int Stop = 19;

    public static void Send(int pid, int signal)
    {
        if (pid <= 0) return;
        if (SendSignal(pid, signal) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
