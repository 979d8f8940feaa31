using Candor.Features.Mail;

namespace Candor.Tests.Mail;

public sealed class OutboxRetryTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(11, 3600)]
    public void The_wait_doubles_from_30_seconds_up_to_an_hour(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxRetry.Delay(attempts));

    [Fact]
    public void It_gives_up_after_the_last_attempt()
    {
        Assert.False(OutboxRetry.GiveUp(OutboxRetry.MaxAttempts - 1));
        Assert.True(OutboxRetry.GiveUp(OutboxRetry.MaxAttempts));
    }
}
