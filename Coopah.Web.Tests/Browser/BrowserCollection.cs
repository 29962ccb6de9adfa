namespace Coopah.Web.Tests.Browser;

/// <summary>One browser and one server for every browser test class: starting Chromium is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
