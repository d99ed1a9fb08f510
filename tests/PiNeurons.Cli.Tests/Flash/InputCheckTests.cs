using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Flash;

namespace PiNeurons.Cli.Tests.Flash;

public class InputCheckTests
{
    [Fact]
    public void SshKey_RealPublicKeyLines_Accepted()
    {
        var keys = SshPublicKey.ParseAll("# mine\n" + FlashScratch.TestKey("a") + "\n\n" + FlashScratch.TestKey("b") + "\n", "k.pub");

        Assert.Equal(2, keys.Count);
    }

    [Theory]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n", "private key")]
    [InlineData("ssh-ed25519 not/base64!! me\n", "line 1 is not an OpenSSH public key")]
    [InlineData("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIH1vGLlcgTAxA7kqCx2LOeMn//xFFnG32Yf6fKjcddoQ me\n", "line 1 is not an OpenSSH public key")]
    [InlineData("\n# only a comment\n", "no public key")]
    public void SshKey_NotAPublicKey_UsageErrorSaysWhy(string text, string expected)
    {
        var ex = Assert.Throws<CliUsageException>(() => SshPublicKey.ParseAll(text, "k"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("tab\there-and-long")]
    public void WifiPassword_NotWpa_Refused(string password) =>
        Assert.Throws<CliUsageException>(() => WifiPassword.Check(password, "test"));

    [Fact]
    public void Mbr_FirstFatPartition_OffsetInBytes()
    {
        var sector = FlashImage.Mbr(partitionType: 0x0C, firstLba: 8192, sectors: 1000);

        Assert.Equal(8192L * 512, MbrPartitionTable.FindFirstFatOffset(sector, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(0xEE, "GPT")]
    [InlineData(0x83, "no FAT partition")]
    public void Mbr_NoFatPartition_SaysWhy(byte type, string expected)
    {
        var sector = FlashImage.Mbr(type, 2048, 1000);

        Assert.Equal(-1, MbrPartitionTable.FindFirstFatOffset(sector, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Mbr_NoSignature_SaysNotAnImage()
    {
        Assert.Equal(-1, MbrPartitionTable.FindFirstFatOffset(new byte[512], out var problem));
        Assert.Contains("no MBR", problem, StringComparison.Ordinal);
    }
}
