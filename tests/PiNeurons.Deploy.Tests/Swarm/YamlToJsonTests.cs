namespace PiNeurons.Deploy.Tests.Swarm;

public sealed class YamlToJsonTests
{
    [Fact]
    public void Convert_PlainScalars_GetYamlTypesAndQuotedOnesStayStrings()
    {
        var json = YamlToJson.Convert("a: 1\nb: \"1\"\nc: true\nd: 'true'\ne: 0400\nf: 1.5\ng: ~\nh: text\ni: |\n  12\n").ToJsonString();

        Assert.Equal("""{"a":1,"b":"1","c":true,"d":"true","e":256,"f":1.5,"g":null,"h":"text","i":"12\n"}""", json);
    }

    [Fact]
    public void Convert_MergeKey_IsRefused() =>
        Assert.Throws<NotSupportedException>(() => YamlToJson.Convert("x: &a {k: 1}\ny:\n  <<: *a\n"));
}
