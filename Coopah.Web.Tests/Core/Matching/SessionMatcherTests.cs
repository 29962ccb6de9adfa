using Coopah.Core.Matching;

namespace Coopah.Web.Tests.Core.Matching;

public sealed class SessionMatcherTests
{
    private static readonly DateOnly Day = new(2026, 11, 18);

    private static RunToMatch Run(long id, DateOnly date, double minutes, int hour = 7, int? code = null, ManualPairing? locked = null) =>
        new(id, date, date.ToDateTime(new TimeOnly(hour, 0)), code, minutes * 60, minutes * 60 * 3, locked);

    private static SessionToMatch Session(int id, DateOnly date, double minutes) => new(id, date, minutes * 60, minutes * 60 * 3);

    [Fact]
    public void OneRunOneSession_SameDay_Paired()
    {
        var result = SessionMatcher.Match([Run(1, Day, 40)], [Session(10, Day, 45)]);

        Assert.Equal(new RunMatch(1, 10, MatchMethod.SameDay), Assert.Single(result));
    }

    [Fact]
    public void SessionCode_WinsOverTheSameDaySession()
    {
        var result = SessionMatcher.Match([Run(1, Day, 40, code: 11)], [Session(10, Day, 40), Session(11, Day.AddDays(3), 60)]);

        Assert.Equal(new RunMatch(1, 11, MatchMethod.SessionCode), Assert.Single(result));
    }

    [Fact]
    public void SessionCode_OfAnUnknownSession_FallsBackToTheDay()
    {
        // A code naming someone else's session (or a deleted one) is not in the candidates: it must not pair.
        var result = SessionMatcher.Match([Run(1, Day, 40, code: 999)], [Session(10, Day, 40)]);

        Assert.Equal(new RunMatch(1, 10, MatchMethod.SameDay), Assert.Single(result));
    }

    [Fact]
    public void WarmUpAndRace_TheRaceTakesTheRaceSession()
    {
        // 15 min warm-up jog at 8:40, 5 km race at 9:00 (22 min); the only session is the race. First-come would pair the jog.
        var result = SessionMatcher.Match([Run(1, Day, 15, hour: 8), Run(2, Day, 22, hour: 9)], [Session(10, Day, 21)]);

        Assert.Contains(new RunMatch(2, 10, MatchMethod.SameDay), result);
        Assert.Contains(new RunMatch(1, null, MatchMethod.Unplanned), result);
    }

    [Fact]
    public void DoubleDay_EachRunTakesTheSessionItFits_WhateverTheOrder()
    {
        // Morning easy 30 min, evening intervals 60 min; sessions listed the other way round.
        var sessions = new[] { Session(20, Day, 62), Session(21, Day, 30) };
        var morningFirst = SessionMatcher.Match([Run(1, Day, 31, hour: 7), Run(2, Day, 58, hour: 18)], sessions);
        var eveningFirst = SessionMatcher.Match([Run(2, Day, 58, hour: 18), Run(1, Day, 31, hour: 7)], sessions);

        foreach (var result in new[] { morningFirst, eveningFirst })
        {
            Assert.Contains(new RunMatch(1, 21, MatchMethod.SameDay), result);
            Assert.Contains(new RunMatch(2, 20, MatchMethod.SameDay), result);
        }
    }

    [Fact]
    public void GloballyBest_NotGreedy()
    {
        // Greedy takes the closest pair first, run 1 (50 min) with A (60), and leaves run 2 (90) on B (30): ln 1.2 + ln 3.
        // Global: run 1 -> B (ln 1.67), run 2 -> A (ln 1.5) is cheaper in total.
        var result = SessionMatcher.Match([Run(1, Day, 50), Run(2, Day, 90)], [Session(30, Day, 60), Session(31, Day, 30)]);

        Assert.Contains(new RunMatch(1, 31, MatchMethod.SameDay), result);
        Assert.Contains(new RunMatch(2, 30, MatchMethod.SameDay), result);
    }

    [Fact]
    public void RunOnADayWithoutSession_TakesTheUnmatchedSessionOfTheDayBefore()
    {
        var result = SessionMatcher.Match([Run(1, Day, 40)], [Session(10, Day.AddDays(-1), 40)]);

        Assert.Equal(new RunMatch(1, 10, MatchMethod.AdjacentDay), Assert.Single(result));
    }

    [Fact]
    public void AdjacentDay_Ambiguous_SessionsBeforeAndAfter_StaysUnplanned()
    {
        var result = SessionMatcher.Match([Run(1, Day, 40)], [Session(10, Day.AddDays(-1), 40), Session(11, Day.AddDays(1), 40)]);

        Assert.Equal(new RunMatch(1, null, MatchMethod.Unplanned), Assert.Single(result));
    }

    [Fact]
    public void AdjacentDay_TwoRunsWantTheSameSession_NeitherTakesIt()
    {
        var result = SessionMatcher.Match([Run(1, Day.AddDays(-1), 40), Run(2, Day.AddDays(1), 40)], [Session(10, Day, 40)]);

        Assert.All(result, m => Assert.Null(m.SessionId));
    }

    [Fact]
    public void AdjacentDay_NotWhenTheRunsOwnDayHasASession()
    {
        // Day has a session taken by another run: the second run of the day must not wander to yesterday's session.
        var result = SessionMatcher.Match([Run(1, Day, 40, hour: 7), Run(2, Day, 20, hour: 19)], [Session(10, Day, 40), Session(11, Day.AddDays(-1), 20)]);

        Assert.Contains(new RunMatch(1, 10, MatchMethod.SameDay), result);
        Assert.Contains(new RunMatch(2, null, MatchMethod.Unplanned), result);
    }

    [Fact]
    public void AdjacentDay_NotWhenTheSessionHasItsOwnRun()
    {
        var result = SessionMatcher.Match([Run(1, Day.AddDays(-1), 40), Run(2, Day, 40)], [Session(10, Day.AddDays(-1), 40)]);

        Assert.Contains(new RunMatch(1, 10, MatchMethod.SameDay), result);
        Assert.Contains(new RunMatch(2, null, MatchMethod.Unplanned), result);
    }

    [Fact]
    public void ManualLock_IsKept_AndItsSessionIsNotGivenToAnotherRun()
    {
        var result = SessionMatcher.Match(
            [Run(1, Day, 40, locked: new ManualPairing(10)), Run(2, Day, 45)],
            [Session(10, Day, 45)]);

        Assert.Contains(new RunMatch(1, 10, MatchMethod.Manual), result);
        Assert.Contains(new RunMatch(2, null, MatchMethod.Unplanned), result);
    }

    [Fact]
    public void ManualUnmatch_StaysUnplanned_EvenWithAFreeSessionThatDay()
    {
        var result = SessionMatcher.Match([Run(1, Day, 40, locked: new ManualPairing(null))], [Session(10, Day, 40)]);

        Assert.Equal(new RunMatch(1, null, MatchMethod.Manual), Assert.Single(result));
    }

    [Fact]
    public void SessionTakenElsewhere_IsNotOffered()
    {
        var result = SessionMatcher.Match([Run(1, Day, 40)], [Session(10, Day, 40)], new HashSet<int> { 10 });

        Assert.Equal(new RunMatch(1, null, MatchMethod.Unplanned), Assert.Single(result));
    }

    [Fact]
    public void TwoRunsClaimTheSameCode_TheCloserOneWins_TheOtherFallsBackToItsDay()
    {
        var result = SessionMatcher.Match(
            [Run(1, Day, 20, hour: 7, code: 10), Run(2, Day, 41, hour: 9, code: 10)],
            [Session(10, Day, 40), Session(11, Day, 20)]);

        Assert.Contains(new RunMatch(2, 10, MatchMethod.SessionCode), result);
        Assert.Contains(new RunMatch(1, 11, MatchMethod.SameDay), result);
    }

    [Fact]
    public void ManyRunsOnOneDay_StillPairsAsManyAsPossible()
    {
        var runs = Enumerable.Range(1, 10).Select(i => Run(i, Day, 10 * i, hour: 5 + i)).ToList();
        var sessions = Enumerable.Range(1, 9).Select(i => Session(100 + i, Day, 10 * i)).ToList();

        var result = SessionMatcher.Match(runs, sessions);

        Assert.Equal(9, result.Count(m => m.SessionId is not null));
        Assert.Equal(9, result.Where(m => m.SessionId is not null).Select(m => m.SessionId).Distinct().Count());
    }

    [Fact]
    public void Cost_IsSymmetricInRatio()
    {
        var session = Session(1, Day, 40);

        Assert.Equal(SessionMatcher.Cost(Run(1, Day, 80), session), SessionMatcher.Cost(Run(2, Day, 20), session), 10);
        Assert.Equal(0, SessionMatcher.Cost(Run(3, Day, 40), session), 10);
    }
}
