using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Docker;

public sealed class DockerfileParserTests
{
    [Fact]
    public void Parse_ContinuationsWithCommentsAndBlankLines_JoinIntoOneInstruction()
    {
        var instructions = DockerfileParser.Parse("FROM x\nRUN a \\\n# dropped\n\n    && b\nUSER me\n");

        Assert.Equal(["FROM", "RUN", "USER"], instructions.Select(i => i.Keyword));
        Assert.Equal("a     && b", instructions[1].Arguments);
        Assert.Equal(2, instructions[1].Line);
        Assert.Equal(6, instructions[2].Line);
    }

    [Fact]
    public void Parse_EscapeDirective_ChangesTheContinuationCharacter()
    {
        var instructions = DockerfileParser.Parse("# escape=`\nFROM x\nRUN a `\n  b\n");

        Assert.Equal("a   b", instructions[1].Arguments);
    }

    [Fact]
    public void Parse_Heredoc_IsRefusedRatherThanMisread() =>
        Assert.Throws<NotSupportedException>(() => DockerfileParser.Parse("FROM x\nRUN <<EOF\necho hi\nEOF\n"));

    [Fact]
    public void Model_StagesFlagsAndGlobalArgs_AreRead()
    {
        var dockerfile = DockerfileModel.Parse(
            "ARG V=10.0\nFROM --platform=$BUILDPLATFORM sdk:${V} AS build\nRUN dotnet publish\nFROM runtime:$V-arm32v7\nENTRYPOINT [\"dotnet\", \"a.dll\"]\n");

        Assert.Equal(2, dockerfile.Stages.Count);
        Assert.Equal("$BUILDPLATFORM", dockerfile.StageNamed("build")!.Platform);
        Assert.Equal("sdk:10.0", dockerfile.Stages[0].Image);
        Assert.Equal("runtime:10.0-arm32v7", dockerfile.Final.Image);
        Assert.Equal(["dotnet", "a.dll"], dockerfile.Final.Last("ENTRYPOINT")!.ExecArguments());
    }

    [Fact]
    public void ShellWords_Commands_SplitAtOperatorsAndKeepQuotedText()
    {
        var commands = ShellWords.Commands("apt-get update && echo 'a && b' | tee x; rm -rf \"/var/lib/apt/lists/*\"");

        Assert.Equal(4, commands.Count);
        Assert.Equal(["echo", "a && b"], commands[1]);
        Assert.Equal(["rm", "-rf", "/var/lib/apt/lists/*"], commands[3]);
    }
}
