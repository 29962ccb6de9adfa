using Coopah.Core.Garmin.OAuth;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class PkceTests
{
    [Fact]
    public void ComputeS256Challenge_Rfc7636AppendixB_MatchesPublishedChallenge()
    {
        var challenge = Pkce.ComputeS256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", challenge);
    }

    [Theory]
    [InlineData(43)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(128)]
    public void CreateVerifier_Length_HasLengthAndOnlyUnreservedCharacters(int length)
    {
        var verifier = Pkce.CreateVerifier(new SequenceRandomSource(200), length);

        Assert.Equal(length, verifier.Length);
        Assert.True(Pkce.IsValidVerifier(verifier));
    }

    [Theory]
    [InlineData(42)]
    [InlineData(129)]
    public void CreateVerifier_LengthOutOfRange_Throws(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pkce.CreateVerifier(new SequenceRandomSource(), length));
    }

    [Theory]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", true)]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX", false)]
    [InlineData("dBjftJeZ4CVP+mB92K27uhbUJU1p1r_wW1gFWFOEjXk", false)]
    [InlineData("dBjftJeZ4CVP~mB92K27uhbUJU1p1r.wW1gFWFOEjXk", true)]
    [InlineData(null, false)]
    public void IsValidVerifier_Value_ChecksLengthAndAlphabet(string? verifier, bool expected)
    {
        Assert.Equal(expected, Pkce.IsValidVerifier(verifier));
    }

    [Fact]
    public void Create_FixedRandom_ChallengeMatchesVerifierAndStateIsUnreserved()
    {
        var pkce = Pkce.Create(new SequenceRandomSource(7));

        Assert.Equal(Pkce.ComputeS256Challenge(pkce.Verifier), pkce.Challenge);
        Assert.Equal(43, pkce.State.Length);
        Assert.All(pkce.State, c => Assert.True(OAuthEncoding.IsUnreserved(c)));
        Assert.NotEqual(pkce.Verifier[..43], pkce.State);
        Assert.DoesNotContain(pkce.Verifier, pkce.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", true)]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", false)]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "", false)]
    [InlineData("short", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", false)]
    public void VerifyS256_VerifierAndChallenge_MatchesOnlyTheRightPair(string verifier, string challenge, bool expected)
    {
        Assert.Equal(expected, Pkce.VerifyS256(verifier, challenge));
    }
}
