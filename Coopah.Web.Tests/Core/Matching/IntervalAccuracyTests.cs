using System.Text.Json;
using Coopah.Core.Matching;

namespace Coopah.Web.Tests.Core.Matching;

/// <summary>
/// The accuracy goals over a generated corpus (bench/intervals.sh prints the full table): from the details
/// JSON alone, per case, median |distance error| &lt;= 0.5 m, median |time error| &lt;= 0.1 s, worst distance error
/// &lt;= 3 m, every executed step (and the stretch after the workout) reconstructed; over the corpus a median at least
/// 5x below the naive method's; from the FIT file, exact to its resolution where every step has a lap.
/// </summary>
public sealed class IntervalAccuracyTests
{
    public static IEnumerable<object[]> Cases => IntervalCorpus.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Details_MeetGoals(string name)
    {
        var dir = IntervalCorpus.PathOf(name);

        var r = IntervalReconstructor.Reconstruct(IntervalCorpus.Plan(dir), IntervalCorpus.Details(dir), null);
        var score = IntervalCorpus.ScoreAgainstTruth(dir, r.Intervals);

        Assert.True(score.Matched == score.TruthSteps, $"{name}: {score}");
        Assert.True(score.MaxDistance <= 3, $"{name}: worst distance error over 3 m: {score}");
        Assert.True(score.MedianDistance <= 0.5, $"{name}: median distance error over 0.5 m: {score}");
        Assert.True(score.MedianTime <= 0.1, $"{name}: median time error over 0.1 s: {score}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_IsExactWhereEveryStepHasALap(string name)
    {
        var dir = IntervalCorpus.PathOf(name);
        var options = IntervalCorpus.Options(dir);
        var everyStepHasALap = options.GetProperty("missedLapAtStep").ValueKind == JsonValueKind.Null
            && !options.GetProperty("autoLapOnly").GetBoolean();

        var r = IntervalReconstructor.Reconstruct(IntervalCorpus.Plan(dir), IntervalCorpus.Details(dir), IntervalCorpus.Fit(dir));
        var score = IntervalCorpus.ScoreAgainstTruth(dir, r.Intervals);

        Assert.True(score.Matched == score.TruthSteps, $"{name}: {score}");
        if (everyStepHasALap)
        {
            // truth is exact; the file keeps ms and cm
            Assert.True(score.MaxDistance <= 0.011 && score.MaxTime <= 0.0011, $"{name}: not exact: {score}");
            Assert.All(r.Intervals, i => Assert.Equal(IntervalSource.FitStepLaps, i.Source));
        }
        else
        {
            Assert.True(score.MaxDistance <= 3 && score.MedianDistance <= 0.5 && score.MedianTime <= 0.1, $"{name}: {score}");
        }
    }

    [Fact]
    public void Corpus_MedianIsFiveTimesBelowNaive()
    {
        var ours = new List<double>();
        var naive = new List<double>();
        foreach (var (name, _) in IntervalCorpus.Cases)
        {
            var dir = IntervalCorpus.PathOf(name);
            var r = IntervalReconstructor.Reconstruct(IntervalCorpus.Plan(dir), IntervalCorpus.Details(dir), null);
            ours.AddRange(IntervalCorpus.ScoreAgainstTruth(dir, r.Intervals).DistanceErrors);
            naive.AddRange(IntervalCorpus.Naive(dir).DistanceErrors);
        }

        var (o, n) = (IntervalCorpus.Median(ours), IntervalCorpus.Median(naive));
        Assert.True(o * 5 <= n, FormattableString.Invariant($"median {o:0.000} m vs naive {n:0.000} m"));
    }
}
