"""Work areas: major projects (重大项目), 五星 branch ratings. See issue 6."""
