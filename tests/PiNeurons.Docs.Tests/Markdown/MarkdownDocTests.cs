namespace PiNeurons.Docs.Tests.Markdown;

/// <summary>How the runner reads a markdown file: which fences are commands, which markers apply to them.</summary>
public sealed class MarkdownDocTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-markdown-").FullName;

    [Fact]
    public void Read_ShellFences_AreCommandBlocksAndOthersAreNot()
    {
        var doc = Read("# T", "```sh", "echo a", "```", "```yaml", "a: 1", "```", "```bash", "echo b", "```", "```", "plain", "```");

        Assert.Equal([2, 8], doc.Blocks.Select(b => b.Line));
        Assert.Equal("echo b", doc.Blocks[1].FirstCommand);
    }

    [Fact]
    public void Read_FenceShownInsideALongerFence_IsContentNotABlock()
    {
        var doc = Read("````markdown", "<!-- docs-test: skip needs-pi -->", "```sh", "exit 7", "```", "````", "```sh", "echo real", "```");

        var block = Assert.Single(doc.Blocks);
        Assert.Equal("echo real", block.FirstCommand);
        Assert.Equal(BlockMode.Run, block.Marker.Mode);
    }

    [Fact]
    public void Read_MarkerRightAboveTheFence_AppliesEvenBelowAnotherComment()
    {
        var doc = Read("<!-- a comment for people", "     on two lines -->", "<!-- docs-test: skip needs-network: it downloads -->", "```sh", "dotnet publish", "```");

        var marker = Assert.Single(doc.Blocks).Marker;
        Assert.Equal(BlockMode.Skip, marker.Mode);
        Assert.Equal("needs-network", marker.SkipReason);
        Assert.Equal("it downloads", marker.Note);
        Assert.Empty(marker.Errors);
    }

    [Fact]
    public void Read_MarkerAboveABlankLine_DoesNotApply()
    {
        var doc = Read("<!-- docs-test: skip needs-pi -->", string.Empty, "```sh", "echo a", "```");

        Assert.Equal(BlockMode.Run, Assert.Single(doc.Blocks).Marker.Mode);
    }

    [Fact]
    public void Read_BackgroundWithReadiness_AndBefore_AreRead()
    {
        var doc = Read("<!-- docs-test: background port=8080 online=x,z -->", "<!-- docs-test: before cp a b -->", "```sh", "serve", "```");

        var marker = Assert.Single(doc.Blocks).Marker;
        Assert.Equal(BlockMode.Background, marker.Mode);
        Assert.Equal(8080, marker.ReadyPort);
        Assert.Equal(["x", "z"], marker.ReadyOnline);
        Assert.Equal("cp a b", marker.Before);
    }

    [Theory]
    [InlineData("<!-- docs-test: skip needs-wifi -->")]
    [InlineData("<!-- docs-test: sikp needs-pi -->")]
    [InlineData("<!-- docs-test: background port=http -->")]
    public void Read_MarkerThatCannotBeRead_IsAnErrorOfTheBlock(string marker)
    {
        var doc = Read(marker, "```sh", "echo a", "```");

        Assert.NotEmpty(Assert.Single(doc.Blocks).Marker.Errors);
    }

    [Fact]
    public void Read_TwoModes_IsAnError()
    {
        var doc = Read("<!-- docs-test: terminals -->", "<!-- docs-test: skip needs-pi -->", "```sh", "echo a", "```");

        Assert.Contains(Assert.Single(doc.Blocks).Marker.Errors, e => e.Contains("only one of", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MarkerAboveAYamlBlock_IsAnErrorOfTheFile()
    {
        var doc = Read("<!-- docs-test: skip needs-pi -->", "```yaml", "a: 1", "```");

        Assert.Empty(doc.Blocks);
        Assert.Contains(doc.Errors, e => e.StartsWith("doc.md:2:", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Services_DefaultOrAsMarked()
    {
        Assert.Equal(MarkerSyntax.DefaultServices, Read("```sh", "true", "```").Services);
        Assert.Equal(["mosquitto"], Read("# T", string.Empty, "<!-- docs-test: services mosquitto -->", "```sh", "true", "```").Services);
        Assert.NotEmpty(Read("<!-- docs-test: services mosquito -->").Errors);
    }

    [Fact]
    public void Read_ConsoleBlock_RunsOnlyThePromptedCommands()
    {
        var doc = Read("```console", "$ echo a \\", "  b", "a b", "$ true", "```");

        var commands = Assert.Single(doc.Blocks).Commands;
        Assert.Equal([2, 5], commands.Select(c => c.Line));
        Assert.Equal(["echo a \\", "  b"], commands[0].Lines.Select(l => l.Text));
    }

    [Fact]
    public void Commands_JoinContinuedLines_AndLeaveOutCommentsAndBlankLines()
    {
        var doc = Read("```sh", "# a comment", "cmd one \\", "  --more", string.Empty, "cmd two   # says why", "```");

        var commands = Assert.Single(doc.Blocks).Commands;
        Assert.Equal([3, 6], commands.Select(c => c.Line));
        Assert.Equal("cmd one \\ ...", commands[0].Display);
    }

    [Fact]
    public void Read_IndentedFenceInAListItem_LosesItsIndentation()
    {
        var doc = Read("- step:", "  ```sh", "  echo a", "  ```");

        Assert.Equal("echo a", Assert.Single(doc.Blocks).Lines[0].Text);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private MarkdownDoc Read(params string[] lines)
    {
        File.WriteAllLines(Path.Combine(_dir, "doc.md"), lines);
        return MarkdownDoc.Read(_dir, "doc.md");
    }
}
