using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Coopah.Core.Plans.Scheduling;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace Coopah.Web.Tests.Architecture;

/// <summary>The shape the README promises, checked on the compiled assemblies so a shortcut fails the build's tests.</summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly CoreAssembly = typeof(GoalScheduler).Assembly;
    private static readonly System.Reflection.Assembly WebAssembly = typeof(Program).Assembly;

    private static readonly ArchitectureModel Model = new ArchLoader().LoadAssemblies(CoreAssembly, WebAssembly).Build();

    [Fact]
    public void Core_ReferencesNoHostFrameworks()
    {
        var forbidden = new[] { "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Hangfire", "MudBlazor", "Coopah.Web" };
        var references = CoreAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, name => forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void Web_FoldersDependOnEachOtherWithoutCycles() =>
        SliceRuleDefinition.Slices().Matching("Coopah.Web.(*)..").Should().BeFreeOfCycles().Check(Model);

    [Fact]
    public void Core_FoldersDependOnEachOtherWithoutCycles() =>
        SliceRuleDefinition.Slices().Matching("Coopah.Core.(*)..").Should().BeFreeOfCycles().Check(Model);

    [Fact]
    public void ProductionCode_NeverUsesTheSandbox() =>
        Types().That().ResideInAssembly(WebAssembly)
            .And().DoNotResideInNamespaceOrBelow("Coopah.Web.Sandbox")
            .And().DoNotHaveFullName("Program")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Coopah.Web.Sandbox")
            .Check(Model);

    [Fact]
    public void Fit_UsesNothingOutsideFit() =>
        Types().That().ResideInNamespaceOrBelow("Coopah.Core.Fit")
            .Should().NotDependOnAny(Types().That().ResideInAssembly(CoreAssembly).And().DoNotResideInNamespaceOrBelow("Coopah.Core.Fit"))
            .Check(Model);
}
