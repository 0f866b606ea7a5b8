// The Teams SDK as its own lazily-loaded chunk ("teamsSdk-*.js"), fetched only when Tandem is framed.
export * from '@microsoft/teams-js';
