using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Formats;
using Berth.Scanning.Advisories.Matching;
using Berth.Scanning.Versions;
using static Berth.Scanning.Tests.Advisories.AdvisoryTestData;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>Debian tracker lists and Alpine secdb, with the distro matching keys they produce.</summary>
public sealed class DistroFormatTests
{
    private const string Dsa = "debian-security-tracker/data/DSA/list";

    [Fact]
    public void Debian_dsa_fixed_version_per_source_package_and_release()
    {
        var advisories = Read(new DebianTrackerFormat(), Dsa);
        var xorg = advisories.Single(a => a.Id == "DSA-5380-1");
        Assert.Equal("DSA", xorg.Source);
        Assert.Equal(["CVE-2023-1393"], xorg.Aliases);
        Assert.Equal("xorg-server - security update", xorg.Summary);
        Assert.Equal(new DateTimeOffset(2023, 3, 29, 0, 0, 0, TimeSpan.Zero), xorg.Published);
        var affected = Assert.Single(xorg.Affected);
        Assert.Equal(("Debian:11", "xorg-server"), (affected.Ecosystem, affected.Name));
        Assert.Equal(["introduced:0", "fixed:2:1.20.11-1+deb11u6"], Events(SingleRange(affected)));
        Assert.True(AffectedEvaluator.Affects("2:1.20.11-1+deb11u5", affected, DpkgVersionComparer.Instance));
        Assert.False(AffectedEvaluator.Affects("2:1.20.11-1+deb11u6", affected, DpkgVersionComparer.Instance));
        Assert.True(AffectedEvaluator.Affects("2:1.20.11-1+deb11u5", affected)); // comparer picked by ecosystem
        Assert.Equal("2:1.20.11-1+deb11u6", Remediation.LowestFixedAbove("2:1.20.11-1", affected));
    }

    [Fact]
    public void Debian_release_lines_name_their_own_source_packages()
    {
        var live = Read(new DebianTrackerFormat(), Dsa).Single(a => a.Id == "DSA-3156-1");
        Assert.Equal(["liblivemedia", "vlc", "mplayer"], live.Affected.Select(a => a.Name));
        Assert.All(live.Affected, a => Assert.Equal("Debian:7", a.Ecosystem));
        var kernels = Read(new DebianTrackerFormat(), Dsa).Single(a => a.Id == "DSA-1378-2");
        Assert.Equal("fai-kernels linux-2.6 user-mode-linux - several vulnerabilities", kernels.Summary);
        Assert.Equal(["linux-2.6", "fai-kernels", "user-mode-linux"], kernels.Affected.Select(a => a.Name));
        Assert.All(kernels.Affected, a => Assert.Equal("Debian:4.0", a.Ecosystem));
    }

    [Fact]
    public void Debian_not_affected_unfixed_and_end_of_life()
    {
        var context = new ReadContext();
        var advisories = Read(new DebianTrackerFormat(), Dsa, context);
        var office = advisories.Single(a => a.Id == "DSA-2275-1");
        var squeeze = Assert.Single(office.Affected); // lenny is <not-affected>: no entry
        Assert.Equal("Debian:6.0", squeeze.Ecosystem);
        Assert.Equal(1, context.Skipped["Debian <not-affected> release lines"]);

        var eol = Assert.Single(advisories.Single(a => a.Id == "DSA-3699-1").Affected);
        Assert.Equal(("Debian:8", "virtualbox"), (eol.Ecosystem, eol.Name));
        Assert.Equal(["introduced:0"], Events(SingleRange(eol)));
        Assert.Equal("end-of-life", eol.Attributes!["status"]);
        Assert.True(AffectedEvaluator.Affects("5.1.8-dfsg-1", eol, DpkgVersionComparer.Instance));
        Assert.Null(Remediation.LowestFixedAbove("5.1.8-dfsg-1", eol, DpkgVersionComparer.Instance));

        // A NOTE mentioning <unfixed> is only a note: the advisory names no release.
        Assert.Empty(advisories.Single(a => a.Id == "DSA-1605-1").Affected);
    }

    [Fact]
    public void Debian_dla_and_dtsa()
    {
        var dla = Read(new DebianTrackerFormat(), "debian-security-tracker/data/DLA/list");
        Assert.Equal(4, dla.Count);
        var systemd = Assert.Single(dla.Single(a => a.Id == "DLA-3377-1").Affected);
        Assert.Equal(("Debian:10", "systemd"), (systemd.Ecosystem, systemd.Name));
        Assert.All(dla, a => Assert.Equal("DLA", a.Source));

        var dtsa = Read(new DebianTrackerFormat(), "debian-security-tracker/data/DTSA/list");
        var kismet = dtsa.Single(a => a.Id == "DTSA-1-1");
        Assert.Equal("high", kismet.DatabaseSeverity);
        Assert.Equal(new DateTimeOffset(2005, 8, 26, 0, 0, 0, TimeSpan.Zero), kismet.Published);
        Assert.Equal(["introduced:0", "fixed:2005.08.R1-0.1etch1"], Events(SingleRange(Assert.Single(kismet.Affected))));
        Assert.Equal("medium", dtsa.Single(a => a.Id == "DTSA-2-1").DatabaseSeverity);
    }

    [Fact]
    public void Debian_list_with_a_stray_line_is_malformed()
    {
        using var document = Document("list", "[29 Mar 2023] DSA-5380-1 xorg-server - security update\n\t{CVE-2023-1393}\nthis is not tracker data\n");
        var format = new DebianTrackerFormat();
        Assert.True(format.CanRead(document));
        var error = Assert.Throws<AdvisoryFormatException>(() => format.Read(document, new ReadContext()).ToList());
        Assert.StartsWith("line 3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alpine_secdb_origin_package_and_branch()
    {
        var advisories = Read(new AlpineSecdbFormat(), "alpine-secdb/v3.8/main.yaml");
        Assert.All(advisories, a => Assert.Equal("ALPINE", a.Source));
        var curl = advisories.Single(a => a.Id == "ALPINE-CVE-2017-2629");
        Assert.Equal(["CVE-2017-2629"], curl.Aliases);
        var affected = Assert.Single(curl.Affected);
        Assert.Equal(("Alpine:v3.8", "curl"), (affected.Ecosystem, affected.Name));
        Assert.Equal(["introduced:0", "fixed:7.53.0"], Events(SingleRange(affected)));
        Assert.Equal("main", affected.Attributes!["repo"]);
        Assert.True(AffectedEvaluator.Affects("7.52.1-r3", affected, ApkVersionComparer.Instance));
        Assert.False(AffectedEvaluator.Affects("7.61.1-r0", affected, ApkVersionComparer.Instance));

        var sasl = Assert.Single(advisories.Single(a => a.Id == "ALPINE-CVE-2013-4122").Affected);
        Assert.Equal(["introduced:0", "fixed:2.1.26-r7"], Events(SingleRange(sasl)));
    }

    [Fact]
    public void Alpine_zero_means_never_affected()
    {
        var context = new ReadContext();
        var advisories = Read(new AlpineSecdbFormat(), "alpine-secdb/v3.8/main.yaml", context);
        Assert.DoesNotContain(advisories, a => a.Id == "ALPINE-CVE-2016-0682");
        Assert.Equal(5, context.Skipped["Alpine secfixes \"0\" (not affected) entries"]);
    }

    [Fact]
    public void Alpine_entries_with_notes_and_extra_ids()
    {
        const string yaml = """
            distroversion: v3.10
            reponame: main
            packages:
              - pkg:
                  name: xen
                  secfixes:
                    4.7.0-r0:
                      - CVE-2016-6258 XSA-182
                    4.6.3-r0:
                      - CVE_2016-6258
                  name2: ignored
              - pkg:
                  name: tcpdump
                  secfixes:
                    4.9.3-r0:
                      - CVE-2018-16301 (was fixed in libpcap)
                      - just a note
            """;
        using var document = Document("main.yaml", yaml);
        var format = new AlpineSecdbFormat();
        Assert.True(format.CanRead(document));
        var context = new ReadContext();
        var advisories = format.Read(document, context).ToList();
        var xen = advisories.Single(a => a.Id == "ALPINE-CVE-2016-6258");
        Assert.Equal(["CVE-2016-6258", "XSA-182"], xen.Aliases);
        Assert.Equal(["introduced:0", "fixed:4.7.0-r0", "fixed:4.6.3-r0"], Events(SingleRange(Assert.Single(xen.Affected))));
        Assert.True(AffectedEvaluator.Affects("4.6.2-r0", xen.Affected[0], ApkVersionComparer.Instance));
        Assert.False(AffectedEvaluator.Affects("4.6.3-r0", xen.Affected[0], ApkVersionComparer.Instance));
        Assert.Equal("tcpdump", Assert.Single(advisories.Single(a => a.Id == "ALPINE-CVE-2018-16301").Affected).Name);
        Assert.Equal(1, context.Skipped["Alpine secfixes entries without an identifier"]);
    }

    [Theory]
    [InlineData("CVE-2019-5060 TALOS-2019-0844", "CVE-2019-5060,TALOS-2019-0844")]
    [InlineData("CVE-2018-16808 (AoE)", "CVE-2018-16808")]
    [InlineData("CVE_2019-2426", "CVE-2019-2426")]
    [InlineData("CVE 2018-16859", "CVE-2018-16859")]
    [InlineData("CVE-2019-19451.patch", "CVE-2019-19451")]
    [InlineData("CVE-????-?????  XSA-295", "XSA-295")]
    [InlineData("wnpa-sec-2017-18", "WNPA-SEC-2017-18")]
    [InlineData("just a note", "")]
    public void Alpine_identifier_typos_are_read_as_meant(string entry, string expected) =>
        Assert.Equal(expected, string.Join(',', AlpineSecdbFormat.Identifiers(entry)));
}
