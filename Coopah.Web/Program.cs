using Coopah.Web.Authorization;
using Coopah.Web.Cluster;
using Coopah.Web.Components;
using Coopah.Web.Data;
using Coopah.Web.Setup;
using Coopah.Web.Garmin;
using Coopah.Web.Garmin.Link;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Health;
using Coopah.Web.Hosting;
using Coopah.Web.Jobs;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Matching;
using Coopah.Web.Plans;
using Coopah.Web.Sandbox;
using Hangfire;

var builder = WebApplication.CreateBuilder(args);

builder.EnsureDeploymentSafe();

builder.AddCoopahData();
builder.AddCoopahCluster();
builder.AddCoopahSetup();
builder.AddCoopahIdentity();
builder.AddCoopahHangfire();
builder.AddCoopahGarminWebhooks();
builder.AddCoopahHealth();
builder.AddCoopahPlans();
builder.AddGarminSandbox();
builder.AddCoopahGarminClient();
builder.AddCoopahGarminLink();
builder.AddCoopahGarminSync();
builder.AddCoopahMatching();
builder.AddCoopahUi();

var app = builder.Build();

app.UseCoopahPipeline();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapCoopahHealth();
app.MapGarminWebhooks();
app.MapGarminLink();
app.MapSessionFiles();
app.MapGarminSandbox();
app.MapBenchmarkEndpoints();
app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire");
await app.InitializeCoopahAsync();

app.Run();
