using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/PiNeurons.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PiNeurons.Benchmarks.HopBenchmarks).Assembly).Run(args);
