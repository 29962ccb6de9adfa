using System.Text;
using System.Text.Json;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.Training;
using Coopah.Core.Plans;
using Coopah.Core.Plans.Templates;

namespace Coopah.Web.Tests.Core.Garmin;

/// <summary>
/// Every distinct session of every seed template, mapped for a 20:00 5 km runner, against one golden JSON file
/// per template (regenerate with COOPAH_UPDATE_GOLDEN=1).
/// </summary>
public sealed class SessionWorkoutMapperTests
{
    private static readonly PersonalPaces Paces = PersonalPaces.FromRace(5000, 20 * 60);

    public static TheoryData<string> TemplateIds => [.. PlanTemplates.All.Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Map_EveryDistinctTemplateSession_MatchesGoldenJson(string templateId)
    {
        var template = PlanTemplates.Find(templateId)!;
        var distinct = template.BaseWeek.Concat(template.Sessions)
            .DistinctBy(s => StepNotation.Format(s.Steps))
            .ToList();
        var workouts = distinct.Select((s, i) => SessionWorkoutMapper.Map(SessionWorkoutMapper.SessionCode(i + 1), s.Name, null, s.Steps, Paces)).ToList();
        var actual = "[" + string.Join(",", workouts.Select(w => JsonSerializer.Serialize(w, GarminJsonContext.Default.GarminWorkout))) + "]";

        Assert.All(workouts, w => Assert.Empty(GarminWorkoutValidator.Validate(w)));
        if (Environment.GetEnvironmentVariable("COOPAH_UPDATE_GOLDEN") == "1")
        {
            UpdateGolden(templateId, actual);
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Core", "Garmin", "SessionGolden", templateId + ".json");
        Assert.True(File.Exists(path), "Missing golden file " + path);
        Assert.Equal(Minify(File.ReadAllText(path)), actual);
    }

    [Fact]
    public void Map_PaceZone_UsesTheRunnersPacesSlowerPaceAsLowSpeed()
    {
        var workout = SessionWorkoutMapper.Map("CP7", "Tempo", null, StepNotation.Parse("20min active threshold"), Paces);

        var step = Assert.IsType<GarminWorkoutStep>(workout.Segments.Single().Steps.Single());
        var band = Paces.Zone(PaceZone.Threshold);
        Assert.Equal("[CP7] Tempo", workout.WorkoutName);
        Assert.Equal(GarminWorkoutMapper.PaceToSpeed(band.SlowSecondsPerKm), step.TargetValueLow);
        Assert.Equal(GarminWorkoutMapper.PaceToSpeed(band.FastSecondsPerKm), step.TargetValueHigh);
        Assert.Equal(1200, step.DurationValue);
    }

    [Fact]
    public void Map_PaceZoneWithoutPaces_IsOpen()
    {
        var workout = SessionWorkoutMapper.Map("CP7", "Tempo", null, StepNotation.Parse("20min active threshold"), paces: null);

        Assert.Equal("OPEN", Assert.IsType<GarminWorkoutStep>(workout.Segments.Single().Steps.Single()).TargetType);
    }

    [Theory]
    [InlineData("CP42", 42)]
    [InlineData("CPx", null)]
    [InlineData("E-12", null)]
    public void SessionIdFromCode_ReadsOnlyOurCodes(string code, int? expected) =>
        Assert.Equal(expected, SessionWorkoutMapper.SessionIdFromCode(code));

    private static void UpdateGolden(string name, string json, [System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        File.WriteAllText(Path.Combine(Path.GetDirectoryName(sourceFile)!, "SessionGolden", name + ".json"), Encoding.UTF8.GetString(stream.ToArray()) + "\n");
    }

    private static string Minify(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
