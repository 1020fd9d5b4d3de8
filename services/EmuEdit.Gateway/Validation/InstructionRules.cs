using EmuEdit.Gateway.Hosting;

namespace EmuEdit.Gateway.Validation;

/// <summary>The instruction's limits: present, not blank, not longer than the option allows.</summary>
public sealed class InstructionRules(GatewayOptions options)
{
    public string Accept(string? instruction)
    {
        if (string.IsNullOrWhiteSpace(instruction))
            throw RequestErrors.InvalidArgument("instruction is empty: say what to change, e.g. \"remove the blue triangle\".");
        if (instruction.Length > options.MaxInstructionLength)
            throw RequestErrors.InvalidArgument($"instruction is {instruction.Length} characters; the limit is {options.MaxInstructionLength}.");
        return instruction.Trim();
    }
}
