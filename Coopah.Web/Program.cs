using Coopah.Web.Authorization;
using Coopah.Web.Components;
using Coopah.Web.Data;
using Coopah.Web.Garmin;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Health;
using Coopah.Web.Hosting;
using Coopah.Web.Jobs;
using Coopah.Web.Endpoints;
using Coopah.Web.Garmin.Webhooks;
using Coopah.Web.Matching;
using Coopah.Web.Plans;
using Coopah.Web.Sandbox;

var builder = WebApplication.CreateBuilder(args);

builder.EnsureDeploymentSafe();

builder.AddCoopahData();
builder.AddCoopahIdentity();
builder.AddCoopahHangfire();
builder.AddCoopahGarminWebhooks();
builder.AddCoopahHealth();
builder.AddCoopahPlans();
builder.AddGarminSandbox();
builder.AddCoopahGarminLink();
builder.AddCoopahGarminSync();
builder.AddCoopahMatching();
builder.AddCoopahUi();

var app = builder.Build();

app.UseCoopahPipeline();
app.MapCoopahEndpoints();
await app.InitializeCoopahAsync();

app.Run();
