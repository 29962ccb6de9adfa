using Coopah.Core.Garmin.Training;
using Coopah.Core.Matching;

namespace Coopah.Web.Tests.Core.Matching;

public sealed class NeutralWorkoutTests
{
    [Fact]
    public void Parse_NestedRepeats_ExpandsInFitOrder()
    {
        const string json = """
            {"name": "W", "steps": [
              {"kind": "warmup", "duration": {"type": "time", "value": 600}, "target": {"type": "open"}},
              {"repeat": 2, "steps": [
                {"kind": "interval", "duration": {"type": "distance", "value": 800}, "target": {"type": "pace", "minSecPerKm": 215, "maxSecPerKm": 225}},
                {"kind": "recovery", "duration": {"type": "time", "value": 90}}]},
              {"kind": "cooldown", "name": "CD", "duration": {"type": "open"}}]}
            """;

        var w = NeutralWorkout.Parse(json);
        var steps = WorkoutExpansion.Expand(w);

        Assert.Equal("W", w.Name);
        Assert.Equal(6, steps.Count);
        Assert.Equal([0, 1, 2, 1, 2, 4], steps.Select(s => s.FitStepIndex));
        Assert.Equal((215.0, 225.0), steps[1].PaceBand);
        Assert.IsType<OpenDuration>(steps[5].Duration);
        Assert.Equal("CD", steps[5].Note);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[]", "object")]
    [InlineData("{\"steps\": []}", "steps")]
    [InlineData("{\"steps\": [{\"kind\": \"jog\", \"duration\": {\"type\": \"open\"}}]}", "steps[0].kind")]
    [InlineData("{\"steps\": [{\"kind\": \"rest\", \"duration\": {\"type\": \"time\", \"value\": -1}}]}", "steps[0].duration.value")]
    [InlineData("{\"steps\": [{\"repeat\": 0, \"steps\": []}]}", "steps[0].repeat")]
    [InlineData("{\"steps\": [{\"kind\": \"interval\", \"duration\": {\"type\": \"open\"}, \"target\": {\"type\": \"pace\", \"minSecPerKm\": 300, \"maxSecPerKm\": 200}}]}", "maxSecPerKm")]
    public void Parse_Invalid_SaysWhere(string json, string where)
    {
        var ex = Assert.Throws<FormatException>(() => NeutralWorkout.Parse(json));
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }
}
