// ECharts from its WebJar (served by Meterline at /webjars/), as an ES module: no bundler.
export * from '/webjars/echarts/5.5.0/echarts.esm.min.js';
